package dev.handoff.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.sun.management.ThreadMXBean;
import dev.handoff.benchmarks.GeneratedTests.Flavour;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The same comparison as {@link EngineOverheadBenchmark}, but with the two flavours alternating in
 * one JVM (jupiter, handoff, jupiter, handoff ...). On a shared 2-core machine the load drifts
 * within seconds; measuring the flavours back to back and comparing medians cancels most of that
 * drift, which two JMH forks one after the other cannot.
 */
final class InterleavedComparison {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private InterleavedComparison() {}

    /** The ratios of one comparison: of median thread CPU times and of median wall-clock times. */
    record Ratios(double cpu, double wall) {
        static final String PREFIX = "RATIOS ";

        String line() {
            return String.format(Locale.ROOT, PREFIX + "cpu=%.4f wall=%.4f", cpu, wall);
        }

        static Ratios parse(String line) {
            String[] parts = line.substring(PREFIX.length()).split(" ");
            return new Ratios(Double.parseDouble(parts[0].substring(4)), Double.parseDouble(parts[1].substring(5)));
        }
    }

    /** Prints each flavour's median and spread and the ratios of medians. */
    static Ratios run(int warmups, int rounds) throws IOException {
        try (GeneratedTests jupiter = GeneratedTests.create(
                        Flavour.JUPITER, EngineOverheadBenchmark.CLASSES, EngineOverheadBenchmark.TESTS_PER_CLASS);
                GeneratedTests handoff = GeneratedTests.create(
                        Flavour.HANDOFF, EngineOverheadBenchmark.CLASSES, EngineOverheadBenchmark.TESTS_PER_CLASS)) {
            Launcher launcher = LauncherFactory.create();
            long[] jupiterNanos = new long[rounds];
            long[] handoffNanos = new long[rounds];
            long[] jupiterCpu = new long[rounds];
            long[] handoffCpu = new long[rounds];
            long[] jupiterDiscoveryCpu = new long[rounds];
            long[] handoffDiscoveryCpu = new long[rounds];
            long[] jupiterAllocated = new long[rounds];
            long[] handoffAllocated = new long[rounds];
            for (int i = -warmups; i < rounds; i++) {
                long[] j = timed(launcher, jupiter, Flavour.JUPITER);
                long[] h = timed(launcher, handoff, Flavour.HANDOFF);
                if (i >= 0) {
                    jupiterNanos[i] = j[0];
                    handoffNanos[i] = h[0];
                    jupiterCpu[i] = j[1];
                    handoffCpu[i] = h[1];
                    jupiterDiscoveryCpu[i] = j[2];
                    handoffDiscoveryCpu[i] = h[2];
                    jupiterAllocated[i] = j[3];
                    handoffAllocated[i] = h[3];
                }
            }
            double jupiterMedian = median(jupiterNanos);
            double handoffMedian = median(handoffNanos);
            System.out.printf(
                    Locale.ROOT, "  %d warm-up pairs, %d measured pairs, 10000 tests each:%n", warmups, rounds);
            System.out.printf(
                    Locale.ROOT,
                    "  jupiter  median %7.1f ms  (p10 %7.1f, p90 %7.1f)%n",
                    ms(jupiterMedian),
                    ms(percentile(jupiterNanos, 10)),
                    ms(percentile(jupiterNanos, 90)));
            System.out.printf(
                    Locale.ROOT,
                    "  handoff  median %7.1f ms  (p10 %7.1f, p90 %7.1f)%n",
                    ms(handoffMedian),
                    ms(percentile(handoffNanos, 10)),
                    ms(percentile(handoffNanos, 90)));
            double ratio = handoffMedian / jupiterMedian;
            List<Double> pairRatios = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                pairRatios.add((double) handoffNanos[i] / jupiterNanos[i]);
            }
            double[] sorted = pairRatios.stream()
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            System.out.printf(
                    Locale.ROOT,
                    "  wall-clock ratio of medians %.2f; per-pair ratios p10 %.2f, median %.2f, p90 %.2f%n",
                    ratio,
                    sorted[(int) (sorted.length * 0.1)],
                    sorted[sorted.length / 2],
                    sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.9))]);
            double cpuRatio = median(handoffCpu) / median(jupiterCpu);
            System.out.printf(
                    Locale.ROOT,
                    "  CPU time of the running thread: jupiter median %.1f ms, handoff median %.1f ms, ratio %.2f%n",
                    ms(median(jupiterCpu)),
                    ms(median(handoffCpu)),
                    cpuRatio);
            long[] jupiterExecutionCpu = minus(jupiterCpu, jupiterDiscoveryCpu);
            long[] handoffExecutionCpu = minus(handoffCpu, handoffDiscoveryCpu);
            System.out.printf(
                    Locale.ROOT,
                    "    of which discovery: jupiter %.1f ms, handoff %.1f ms (%+.2f us per test);"
                            + " execution: jupiter %.1f ms, handoff %.1f ms (%+.2f us per test)%n",
                    ms(median(jupiterDiscoveryCpu)),
                    ms(median(handoffDiscoveryCpu)),
                    perTest(median(handoffDiscoveryCpu) - median(jupiterDiscoveryCpu), handoff.testCount()),
                    ms(median(jupiterExecutionCpu)),
                    ms(median(handoffExecutionCpu)),
                    perTest(median(handoffExecutionCpu) - median(jupiterExecutionCpu), handoff.testCount()));
            System.out.printf(
                    Locale.ROOT,
                    "    allocated by the running thread: jupiter %.1f MB, handoff %.1f MB (%+.0f bytes per test)%n",
                    median(jupiterAllocated) / 1e6,
                    median(handoffAllocated) / 1e6,
                    (median(handoffAllocated) - median(jupiterAllocated)) / handoff.testCount());
            return new Ratios(cpuRatio, ratio);
        }
    }

    /**
     * Wall-clock and current-thread CPU nanoseconds of one discovery and execution, and the CPU
     * nanoseconds of the discovery alone (the launcher's {@code discover}, then {@code execute} of
     * its test plan, as {@code execute(request)} does in one call), and the bytes the thread
     * allocated (the garbage collector's work, which the wall clock pays and the CPU time does not).
     */
    private static long[] timed(Launcher launcher, GeneratedTests tests, Flavour flavour) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(tests.loader());
        try {
            var request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(tests.classes().stream().map(c -> selectClass(c)).toList())
                    .filters(EngineFilter.includeEngines(flavour.engineId))
                    .build();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            TestPlan plan = launcher.discover(request);
            long discoveryCpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
            launcher.execute(plan, listener);
            long elapsed = System.nanoTime() - start;
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
            check(listener.getSummary(), tests.testCount(), flavour);
            return new long[] {elapsed, cpu, discoveryCpu, allocated};
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void check(TestExecutionSummary summary, long expected, Flavour flavour) {
        if (summary.getTestsSucceededCount() != expected || summary.getTotalFailureCount() != 0) {
            throw new IllegalStateException(flavour.engineId + ": expected " + expected + " passing tests, got "
                    + summary.getTestsSucceededCount() + " passing and " + summary.getTotalFailureCount()
                    + " failures");
        }
    }

    private static long[] minus(long[] a, long[] b) {
        long[] difference = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            difference[i] = a[i] - b[i];
        }
        return difference;
    }

    private static double perTest(double nanos, long tests) {
        return nanos / 1_000.0 / tests;
    }

    private static double median(long[] values) {
        return percentile(values, 50);
    }

    private static double percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p / 100.0))];
    }

    private static double ms(double nanos) {
        return nanos / 1_000_000.0;
    }

    /** One fork: {@code InterleavedComparison warmups pairs}; its last line holds the ratios for {@link BenchmarkMain}. */
    public static void main(String[] args) throws IOException {
        Ratios ratios = run(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        System.out.println(ratios.line());
    }
}
