package dev.handoff.daemon.runner;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.engine.HandoffTestEngine;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Executes suite runs with the JUnit Platform Launcher, one at a time, on a virtual thread: a
 * triggered run waits (pending) until the runs before it are done. One at a time so that suites
 * against the same system under test do not overlap; the design's bounded concurrency replaces
 * the single worker when it is needed.
 */
public final class SuiteRunner implements AutoCloseable {

    private final SuiteCatalog catalog;
    private final RunStore store;
    private final Clock clock;
    private final Launcher launcher = LauncherFactory.create();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("handoff-run-", 1).factory());

    public SuiteRunner(SuiteCatalog catalog, RunStore store, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Creates the suite's next run and queues it.
     *
     * @return the run, pending
     * @throws UnknownSuiteException when the catalog has no suite of that name
     */
    public SuiteRun trigger(String suiteName) {
        Suite suite = catalog.find(suiteName).orElseThrow(() -> new UnknownSuiteException(suiteName));
        SuiteRun run = store.create(suite.name(), clock.instant());
        worker.execute(() -> execute(suite, run.id()));
        return run;
    }

    private void execute(Suite suite, RunId id) {
        store.started(id, clock.instant());
        RunRecorder recorder = new RunRecorder(id, store);
        try {
            launcher.execute(request(suite, id), recorder);
        } catch (RuntimeException | LinkageError problem) {
            recorder.crashed(problem);
        }
        store.finished(id, recorder.outcome(clock.instant()));
    }

    private static LauncherDiscoveryRequest request(Suite suite, RunId id) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectUniqueId(suite.uniqueId()))
                .filters(EngineFilter.includeEngines(HandoffTestEngine.ENGINE_ID))
                .configurationParameter(HandoffTestEngine.RUN_NUMBER, Long.toString(id.number()))
                // The recorder keeps log lines with their attempt; the daemon's console is not the place for them.
                .configurationParameter(HandoffTestEngine.LOG_TO_CONSOLE, "false")
                .build();
    }

    /** Stops at once: the running run is interrupted and queued runs stay pending. */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
