package dev.handoff.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.concurrent.Callable;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The baseline of the recording benchmark: a suite run by the JUnit Platform Launcher under the
 * {@code handoff} engine with nothing listening and nothing stored, as {@code mvn test} would run
 * it without reports. A launcher per run, because the daemon creates one per run too.
 */
final class LauncherRun {

    private final Class<?> suite;
    private final ClassLoader loader;

    /** @param loader the class loader the daemon runs the suite with, as context class loader */
    LauncherRun(Class<?> suite, ClassLoader loader) {
        this.suite = suite;
        this.loader = loader;
    }

    /** One run with a summary listener, to be sure the timed runs (without one) execute every test. */
    void check(long expectedTests) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        withLoader(loader, () -> {
            LauncherFactory.create().execute(request(), listener);
            return null;
        });
        TestExecutionSummary summary = listener.getSummary();
        if (summary.getTestsSucceededCount() != expectedTests || summary.getTotalFailureCount() != 0) {
            throw new IllegalStateException(
                    "the Launcher ran " + summary.getTestsSucceededCount() + " passing tests and "
                            + summary.getTotalFailureCount() + " failures; expected " + expectedTests + " passing");
        }
    }

    /** @return wall-clock nanoseconds of one discovery and execution */
    long time() {
        return withLoader(loader, () -> {
            long start = System.nanoTime();
            LauncherFactory.create().execute(request(), new TestExecutionListener[0]);
            return System.nanoTime() - start;
        });
    }

    private LauncherDiscoveryRequest request() {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(suite))
                .filters(EngineFilter.includeEngines("handoff"))
                .configurationParameter("handoff.log.console", "false")
                .build();
    }

    /** Calls the action with the generated tests' loader as the context class loader, which the Launcher loads classes with. */
    static <T> T withLoader(ClassLoader loader, Callable<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
