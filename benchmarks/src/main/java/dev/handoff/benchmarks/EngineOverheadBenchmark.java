package dev.handoff.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.handoff.benchmarks.GeneratedTests.Flavour;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What running tests under the {@code handoff} engine costs compared with plain Jupiter: the same
 * {@value #CLASSES} x {@value #TESTS_PER_CLASS} trivial tests, once as plain Jupiter classes and
 * once as {@code @HandoffSuite} classes, each run by the JUnit Platform {@link Launcher} restricted
 * to its engine. One operation is discovery plus execution of all classes, which is what a user
 * pays for a run; the target is {@code handoff <= 1.05 x jupiter}.
 *
 * <p>Single-shot mode, because one operation takes seconds; every run is checked to have executed
 * exactly {@value #CLASSES} x {@value #TESTS_PER_CLASS} passing tests, so a benchmark that quietly
 * runs nothing fails instead of looking fast.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 15)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class EngineOverheadBenchmark {

    static final int CLASSES = 100;
    static final int TESTS_PER_CLASS = 100;

    @Benchmark
    public TestExecutionSummary jupiter(JupiterTests tests) {
        return tests.run();
    }

    @Benchmark
    public TestExecutionSummary handoff(HandoffTests tests) {
        return tests.run();
    }

    /** The plain Jupiter classes; a state of their own so that a fork only builds the classes it runs. */
    @State(Scope.Benchmark)
    public static class JupiterTests extends GeneratedRun {
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            prepare(Flavour.JUPITER);
        }
    }

    /** The {@code @HandoffSuite} classes. */
    @State(Scope.Benchmark)
    public static class HandoffTests extends GeneratedRun {
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            prepare(Flavour.HANDOFF);
        }
    }

    /** Generated classes, the launcher that runs them and the summaries of runs not yet checked. */
    abstract static class GeneratedRun {
        private GeneratedTests tests;
        private String engineId;
        private Launcher launcher;
        private final List<TestExecutionSummary> unchecked = new ArrayList<>();

        void prepare(Flavour flavour) throws IOException {
            tests = GeneratedTests.create(flavour, CLASSES, TESTS_PER_CLASS);
            engineId = flavour.engineId;
            launcher = withTestClassLoader(LauncherFactory::create);
        }

        /** One measured operation: build the request, discover and execute. */
        TestExecutionSummary run() {
            return withTestClassLoader(() -> {
                LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                        .selectors(tests.classes().stream()
                                .map(c -> selectClass(c))
                                .toList())
                        .filters(EngineFilter.includeEngines(engineId))
                        .build();
                SummaryGeneratingListener listener = new SummaryGeneratingListener();
                launcher.execute(request, listener);
                TestExecutionSummary summary = listener.getSummary();
                unchecked.add(summary);
                return summary;
            });
        }

        /** Fails the benchmark unless every run of the iteration executed all tests and they passed. */
        @TearDown(Level.Iteration)
        public void check() {
            if (unchecked.isEmpty()) {
                throw new IllegalStateException(engineId + ": the iteration ran nothing");
            }
            long expected = tests.testCount();
            for (TestExecutionSummary s : unchecked) {
                if (s.getTestsFoundCount() != expected
                        || s.getTestsSucceededCount() != expected
                        || s.getTotalFailureCount() != 0
                        || s.getContainersFailedCount() != 0) {
                    throw new IllegalStateException(String.format(
                            "%s: expected %d passing tests, found %d, succeeded %d, failed %d, aborted %d, skipped %d, failed containers %d",
                            engineId,
                            expected,
                            s.getTestsFoundCount(),
                            s.getTestsSucceededCount(),
                            s.getTestsFailedCount(),
                            s.getTestsAbortedCount(),
                            s.getTestsSkippedCount(),
                            s.getContainersFailedCount()));
                }
            }
            unchecked.clear();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            tests.close();
        }

        private <T> T withTestClassLoader(Callable<T> action) {
            return LauncherRun.withLoader(tests.loader(), action);
        }
    }
}
