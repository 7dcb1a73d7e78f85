package dev.handoff.daemon.trigger;

import dev.handoff.daemon.config.Cluster;
import dev.handoff.daemon.discovery.LiveSuites;
import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.discovery.TestFilter;
import dev.handoff.daemon.execution.ForkedRuns;
import dev.handoff.daemon.execution.RunDispatcher;
import dev.handoff.daemon.execution.RunEvents;
import dev.handoff.daemon.execution.RunExecution;
import dev.handoff.daemon.execution.RunTracing;
import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.RunConflictException;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.ShuttingDownException;
import dev.handoff.daemon.model.StoreUnavailableException;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.UnknownRunException;
import dev.handoff.daemon.model.UnknownSuiteException;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.daemon.store.ScheduleStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What can be done to runs: trigger, retry, cancel. Reads go straight to the {@link RunStore}.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class RunService implements AutoCloseable {

    private final SuiteCatalog catalog;
    private final RunStore store;
    private final Clock clock;
    private final String environment;
    private final RunDispatcher dispatcher;
    private final Cluster cluster;
    private final int maxPendingRuns;
    private final LiveSuites liveSuites;

    /**
     * @param maxPendingRuns how many runs of one suite may wait to start; more triggers are refused
     * @param cluster alone, or one of replicas sharing the store: then only the runs of dead
     *     replicas are put back in the queue, at start and as long as it runs
     * @param events told when each execution of a run starts and stops (metrics, hooks)
     * @param liveSuites in a cluster, what the live replicas serve: a trigger of a suite this
     *     replica lacks is taken when another live replica has it, and runs such a replica
     *     dispatches are left to it
     */
    public RunService(
            SuiteCatalog catalog,
            RunStore store,
            Clock clock,
            String environment,
            int maxConcurrentRuns,
            int maxPendingRuns,
            Cluster cluster,
            RunEvents events,
            LiveSuites liveSuites) {
        this(
                catalog,
                store,
                clock,
                environment,
                maxConcurrentRuns,
                maxPendingRuns,
                cluster,
                events,
                liveSuites,
                Optional.empty(),
                RunTracing.NONE);
    }

    /** @param forked present when each run executes in a JVM of its own ({@code --isolation fork}) */
    public RunService(
            SuiteCatalog catalog,
            RunStore store,
            Clock clock,
            String environment,
            int maxConcurrentRuns,
            int maxPendingRuns,
            Cluster cluster,
            RunEvents events,
            LiveSuites liveSuites,
            Optional<ForkedRuns> forked,
            RunTracing tracing) {
        this.maxPendingRuns = maxPendingRuns;
        this.liveSuites = liveSuites;
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
        this.environment = environment;
        this.cluster = cluster;
        this.dispatcher = new RunDispatcher(
                catalog, store, clock, maxConcurrentRuns, cluster, liveSuites, events, forked, tracing);
    }

    /**
     * Puts the runs a stopped daemon left running back in the queue, and starts executing. In a
     * cluster, the daemon's Quartz scheduler must have checked in first, or another replica would
     * take this one's runs for a dead replica's.
     */
    public void start() {
        if (cluster.hasReplicas()) {
            store.requeueOrphans();
        } else {
            store.requeue();
        }
        dispatcher.start();
    }

    /**
     * Creates a pending run of the suite and queues it, or returns the run the request's
     * idempotency key already got.
     *
     * <p>In a cluster, a suite this replica lacks is triggered all the same when another live
     * replica serves it (see {@link #checkTrigger}).
     *
     * @throws UnknownSuiteException when there is no such suite
     * @throws InvalidParameterException when the filter is not a valid regular expression or
     *     matches none of the suite's tests (parameter {@code filter})
     * @throws ShuttingDownException when the daemon is stopping
     * @throws dev.handoff.daemon.model.PendingLimitException when the suite has too many pending runs
     */
    public RunStore.Created trigger(String suiteName, RunRequest request) {
        checkTrigger(suiteName, request.filter());
        refuseWhileDraining();
        RunStore.Created created = store.create(suiteName, request, environment, clock.instant(), maxPendingRuns);
        if (created.created()) {
            dispatcher.wake();
        }
        return created;
    }

    /**
     * Checks a trigger of the suite as {@link #trigger} does, without creating the run: for a
     * caller that creates it in a transaction of its own (a schedule's fire records its claim, the
     * run and its outcome in one), and then calls {@link #queued}.
     *
     * @param request without an idempotency key
     * @throws UnknownSuiteException when there is no such suite
     * @throws InvalidParameterException when the filter is unusable (parameter {@code filter})
     * @throws ShuttingDownException when the daemon is stopping
     */
    public ScheduleStore.RunToStart prepare(String suiteName, RunRequest request) {
        checkTrigger(suiteName, request.filter());
        refuseWhileDraining();
        return new ScheduleStore.RunToStart(suiteName, request, environment, clock.instant(), maxPendingRuns);
    }

    /** Tells the workers that a run {@link #prepare}d elsewhere is pending now. */
    public void queued() {
        store.changedElsewhere();
        dispatcher.wake();
    }

    /**
     * Checks what a trigger of the suite would ask, without triggering: a schedule is checked so
     * when it is made, not at its first fire.
     *
     * @throws UnknownSuiteException when there is no such suite
     * @throws InvalidParameterException when the filter is not a valid regular expression or
     *     matches none of the suite's tests (parameter {@code filter})
     */
    public Suite check(String suiteName, Optional<String> filter) {
        Suite suite = catalog.require(suiteName);
        filter.ifPresent(regex -> TestFilter.check(suite, regex));
        return suite;
    }

    /**
     * Checks what a trigger of the suite would ask, like {@link #check}, on this replica or, in a
     * cluster, on another: a suite this replica lacks (a rolling update in progress) passes when a
     * live replica serves it. Its filter is then checked as far as this replica can, without the
     * suite's tests: it must compile. A run whose filter matches none of the tests ends failed,
     * saying so, on the replica that executes it.
     *
     * @throws UnknownSuiteException when no live replica serves the suite
     * @throws InvalidParameterException when the filter is unusable (parameter {@code filter})
     */
    public void checkTrigger(String suiteName, Optional<String> filter) {
        if (catalog.find(suiteName).isPresent()
                || !cluster.hasReplicas()
                || !liveSuites.read().contains(suiteName)) {
            check(suiteName, filter);
            return;
        }
        filter.ifPresent(TestFilter::compile);
    }

    /**
     * Runs the failed tests of a finished run again, as new attempts of the same run.
     *
     * @return the run, pending again
     * @throws UnknownRunException when there is no such run
     * @throws RunConflictException when it has not finished, or has no failed test
     */
    public SuiteRun retry(RunId id) {
        SuiteRun run = store.find(id).orElseThrow(() -> new UnknownRunException(id));
        if (!run.result().isFinished()) {
            throw new RunConflictException("run " + id.number() + " of suite '" + id.suite() + "' is "
                    + run.result().label() + "; retry it once it finished");
        }
        Suite suite = catalog.find(id.suite())
                .orElseThrow(() -> new RunConflictException("suite '" + id.suite()
                        + "' is not deployed on this daemon any more; its runs cannot be retried"));
        if (RunExecution.retriable(suite, run.request(), store.tests(id)).isEmpty()) {
            throw new RunConflictException(
                    "run " + id.number() + " of suite '" + id.suite() + "' has no failed test to retry");
        }
        refuseWhileDraining();
        if (!store.retry(id, clock.instant())) {
            throw new RunConflictException(
                    "run " + id.number() + " of suite '" + id.suite() + "' is being retried already");
        }
        dispatcher.wake();
        return store.find(id).orElseThrow(() -> new UnknownRunException(id));
    }

    /**
     * Cancels a pending or running run: a pending run ends at once, a running one once its
     * current test stopped; tests not started are not run.
     *
     * @return the run as it is now (cancelled, or still running while it stops)
     * @throws UnknownRunException when there is no such run
     * @throws RunConflictException when it already finished
     * @throws StoreUnavailableException when the database is unreachable and the cancel could not
     *     be applied: nothing was cancelled
     */
    public SuiteRun cancel(RunId id) {
        SuiteRun run = store.find(id).orElseThrow(() -> new UnknownRunException(id));
        if (run.result().isFinished() || !dispatcher.cancel(run)) {
            SuiteRun now = store.find(id).orElseThrow(() -> new UnknownRunException(id));
            throw new RunConflictException("run " + id.number() + " of suite '" + id.suite() + "' already ended: "
                    + now.result().label());
        }
        try {
            return store.find(id).orElseThrow(() -> new UnknownRunException(id));
        } catch (StoreUnavailableException e) {
            // The cancel was applied (here, or stored for the replica running the run): say so, not 503.
            return run;
        }
    }

    /** Whether new runs are refused because the daemon is stopping. */
    public boolean isDraining() {
        return dispatcher.isDraining();
    }

    /**
     * Takes no new runs, lets running ones finish for up to {@code grace}, stops the rest resumably
     * and puts them back in the queue, where another replica of a cluster takes them at once.
     */
    public void close(Duration grace) {
        dispatcher.close(grace);
        try {
            store.release();
        } catch (RuntimeException e) {
            System.getLogger(RunService.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "running runs stay running until the next start or until another replica takes them: "
                                    + e.getMessage());
        }
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }

    private void refuseWhileDraining() {
        if (dispatcher.isDraining()) {
            throw new ShuttingDownException();
        }
    }
}
