package dev.handoff.daemon.hook;

import dev.handoff.api.FinishedRun;
import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.execution.RunEvents;
import dev.handoff.daemon.metrics.DaemonMetrics;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestSummary;
import dev.handoff.daemon.model.TraceLinks;
import dev.handoff.daemon.store.RunReads;
import dev.handoff.daemon.store.RunStore;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The "after" step of a run: once the runner stored a run's result, updates the metrics and calls
 * the hooks with the run as stored. Nothing here can fail a run: every problem is logged.
 *
 * <p>Metrics count what each execution did: a retry counts the tests it ran again, not the ones
 * that had passed before it.
 */
public final class RunNotifier implements RunEvents {

    private static final System.Logger LOG = System.getLogger(RunNotifier.class.getName());
    /** How many older runs are looked at to find the previous finished one (cancelled ones are skipped). */
    private static final int PREVIOUS_LOOKUP = 20;

    private final RunStore store;
    private final SuiteCatalog catalog;
    private final DaemonMetrics metrics;
    private final Hooks hooks;
    private final Supplier<URI> publicUrl;
    private final Clock clock;
    private final TraceLinks traceLinks;
    private final StabilityFeed stability;
    /** How many of a suite's newest runs a notification policy reads, at most. */
    private static final int POLICY_HISTORY = 100;

    private final Map<RunId, Instant> executing = new ConcurrentHashMap<>();

    public RunNotifier(
            RunStore store,
            SuiteCatalog catalog,
            DaemonMetrics metrics,
            Hooks hooks,
            Supplier<URI> publicUrl,
            Clock clock) {
        this(store, catalog, metrics, hooks, publicUrl, clock, TraceLinks.NONE, StabilityFeed.NONE);
    }

    /**
     * @param traceLinks the links to tests' traces that hooks get ({@code --trace-url})
     * @param stability told of each finished run before the hooks, and asked for the Slack digest's lines
     */
    public RunNotifier(
            RunStore store,
            SuiteCatalog catalog,
            DaemonMetrics metrics,
            Hooks hooks,
            Supplier<URI> publicUrl,
            Clock clock,
            TraceLinks traceLinks,
            StabilityFeed stability) {
        this.traceLinks = traceLinks;
        this.stability = stability;
        this.store = store;
        this.catalog = catalog;
        this.metrics = metrics;
        this.hooks = hooks;
        this.publicUrl = publicUrl;
        this.clock = clock;
        catalog.suites().forEach(suite -> metrics.suite(suite.namespace(), suite.name()));
    }

    @Override
    public void started(RunId id) {
        try {
            executing.put(id, clock.instant());
            String namespace = namespace(id);
            metrics.runStarted(namespace, id.suite());
            if (!hooks.isEmpty()) {
                store.find(id).ifPresent(run -> hooks.runStarted(HookModels.started(run, namespace, publicUrl.get())));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "hooks were not told that run " + id + " started: " + e.getMessage(), e);
        }
    }

    @Override
    public void stopped(RunId id) {
        try {
            Instant start = executing.remove(id);
            String namespace = namespace(id);
            if (start != null) {
                metrics.runStopped(namespace, id.suite());
            }
            Optional<SuiteRun> found = store.find(id);
            if (found.isEmpty() || !found.get().result().isFinished()) {
                return; // the daemon stops; the run resumes at its next start
            }
            SuiteRun run = found.get();
            boolean wantTests = start != null || hooks.hasTestListeners();
            List<TestSummary> tests = wantTests ? store.tests(id) : List.of();
            if (start != null) {
                count(run, namespace, start, tests);
            }
            stability.runFinished(id.suite());
            if (!hooks.isEmpty()) {
                // Should a cancel leave the run's thread interrupted, the run ended all the same and its hooks are due.
                boolean interrupted = Thread.interrupted();
                try {
                    FinishedRun finished = HookModels.finished(
                            run,
                            namespace,
                            tests,
                            tests.isEmpty() ? Map.of() : store.latestValues(id),
                            previousResult(id),
                            publicUrl.get(),
                            traceLinks);
                    hooks.runFinished(finished, (test, values) -> store.addValues(id, test, values), () -> history(id));
                    hooks.digest(
                            finished,
                            () -> stability.flakyTests(id.suite()),
                            (hook, every) -> stability.claimDigest(hook, id.suite(), every));
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "metrics and hooks missed the end of run " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * The run's tests first, the run itself last: a scrape that shows the run's duration shows
     * its tests too, so a client can tell that a run it saw finish is counted.
     */
    private void count(SuiteRun run, String namespace, Instant start, List<TestSummary> tests) {
        for (TestSummary test : tests) {
            // Tests settled by an earlier execution (a retry leaves passed ones alone) were counted then.
            if (!test.latest().finishedAt().isBefore(start)) {
                metrics.testFinished(
                        namespace, run.id().suite(), test.latest().result().label(), test.flaky());
            }
        }
        Instant end = run.finishedAt().orElseGet(clock::instant);
        // The Go project's labels: a flaky run passed, and says so in a label of its own.
        boolean flaky = run.result() == RunResult.FLAKY || tests.stream().anyMatch(TestSummary::flaky);
        String result = run.result() == RunResult.FLAKY
                ? RunResult.PASSED.label()
                : run.result().label();
        metrics.runFinished(namespace, run.id().suite(), result, flaky, Duration.between(start, end));
    }

    /** The suite's finished runs up to this one, newest first, cancelled ones left out: what policies read. */
    private List<NotificationPolicy.PastRun> history(RunId id) {
        return store
                .runs(
                        id.suite(),
                        new RunReads.RunQuery(
                                POLICY_HISTORY, OptionalLong.of(id.number() + 1), Optional.empty(), Optional.empty()))
                .stream()
                .filter(run -> run.result().isFinished() && run.result() != RunResult.CANCELLED)
                .filter(run -> run.finishedAt().isPresent())
                .map(run -> new NotificationPolicy.PastRun(
                        run.result() == RunResult.FAILED, run.finishedAt().get()))
                .toList();
    }

    private Optional<String> previousResult(RunId id) {
        if (id.number() == 1) {
            return Optional.empty();
        }
        return store
                .runs(
                        id.suite(),
                        new RunReads.RunQuery(
                                PREVIOUS_LOOKUP, OptionalLong.of(id.number()), Optional.empty(), Optional.empty()))
                .stream()
                .map(SuiteRun::result)
                .filter(result -> result.isFinished() && result != RunResult.CANCELLED)
                .findFirst()
                .map(RunResult::label);
    }

    private String namespace(RunId id) {
        return catalog.find(id.suite()).map(Suite::namespace).orElse("default");
    }
}
