package dev.handoff.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.handoff.benchmarks.GeneratedTests.Flavour;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * What having {@code handoff-engine} on a module's test classpath costs a module that has no suite
 * at all: a generated module of plain Jupiter classes (plain, {@code @Nested} and parameterized
 * tests) run through the Launcher the way Surefire runs it (a class selector per class, every
 * engine found), once with the engine and its post-discovery filter registered and once with
 * Jupiter alone, interleaved pair by pair (the first of each pair alternating) in one JVM. Prints
 * the ratios of medians of wall clock and of the running thread's CPU time, PASS only when both
 * are within {@value #TARGET}, and the load average, because a shared machine's neighbours move
 * the numbers.
 */
final class EnginePresenceBenchmark {

    static final double TARGET = 1.02;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private EnginePresenceBenchmark() {}

    static int run(String[] args) throws Exception {
        ModeOptions options =
                ModeOptions.parse(args, Map.of("--classes", 100, "--tests", 20, "--warmups", 30, "--pairs", 200));
        int classes = options.get("--classes");
        int testsPerClass = options.get("--tests");
        int warmups = options.get("--warmups");
        int pairs = options.get("--pairs");
        try (GeneratedTests module = GeneratedTests.create(Flavour.PLAIN_MODULE, classes, testsPerClass)) {
            Launcher withEngine = LauncherFactory.create();
            Launcher without = LauncherFactory.create(LauncherConfig.builder()
                    .enableTestEngineAutoRegistration(false)
                    .enablePostDiscoveryFilterAutoRegistration(false)
                    .addTestEngines(jupiter(module.loader()))
                    .build());
            System.out.printf(
                    Locale.ROOT,
                    "Engine presence: a module of %d plain Jupiter classes, %d tests (plain, @Nested, parameterized), "
                            + "no suite; discovery + execution through the Launcher with and without handoff-engine%n",
                    classes,
                    module.testCount());
            long[][] with = new long[2][pairs];
            long[][] alone = new long[2][pairs];
            for (int i = -warmups; i < pairs; i++) {
                boolean withFirst = (i & 1) == 0;
                long[] a = timed(withFirst ? withEngine : without, module);
                long[] b = timed(withFirst ? without : withEngine, module);
                if (i >= 0) {
                    long[] w = withFirst ? a : b;
                    long[] o = withFirst ? b : a;
                    with[0][i] = w[0];
                    with[1][i] = w[1];
                    alone[0][i] = o[0];
                    alone[1][i] = o[1];
                }
            }
            double wall = median(with[0]) / median(alone[0]);
            double cpu = median(with[1]) / median(alone[1]);
            System.out.printf(
                    Locale.ROOT,
                    "  %d warm-up pairs, %d measured pairs%n  without engine: median %.1f ms wall, %.1f ms CPU%n"
                            + "  with engine:    median %.1f ms wall, %.1f ms CPU%n",
                    warmups,
                    pairs,
                    median(alone[0]) / 1e6,
                    median(alone[1]) / 1e6,
                    median(with[0]) / 1e6,
                    median(with[1]) / 1e6);
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf(
                    Locale.ROOT,
                    "with/without engine, ratio of medians: wall clock %.3f, CPU time %.3f (target <= %.2f) %s; "
                            + "load average %.2f on %d cores%n",
                    wall,
                    cpu,
                    TARGET,
                    Math.max(wall, cpu) <= TARGET ? "PASS" : "FAIL",
                    load,
                    Runtime.getRuntime().availableProcessors());
            return 0;
        }
    }

    /** The Jupiter engine alone, as a module without handoff-engine has it. */
    private static TestEngine jupiter(ClassLoader loader) {
        for (TestEngine engine : ServiceLoader.load(TestEngine.class, loader)) {
            if (engine.getId().equals("junit-jupiter")) {
                return engine;
            }
        }
        throw new IllegalStateException("junit-jupiter-engine is not on the benchmark's classpath");
    }

    /** Wall-clock and thread CPU nanoseconds of one discovery and execution of the whole module. */
    private static long[] timed(Launcher launcher, GeneratedTests module) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(module.loader());
        try {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(
                            module.classes().stream().map(c -> selectClass(c)).toList())
                    .build();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            launcher.execute(request, listener);
            long elapsed = System.nanoTime() - start;
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
            TestExecutionSummary summary = listener.getSummary();
            if (summary.getTestsSucceededCount() != module.testCount() || summary.getTotalFailureCount() != 0) {
                throw new IllegalStateException("expected " + module.testCount() + " passing tests, got "
                        + summary.getTestsSucceededCount() + " passing and " + summary.getTotalFailureCount()
                        + " failures");
            }
            return new long[] {elapsed, cpu};
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
