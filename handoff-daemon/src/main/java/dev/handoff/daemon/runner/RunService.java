package dev.handoff.daemon.runner;

import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.run.RunRequest;
import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.daemon.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What can be done to runs: trigger, retry, cancel. Reads go straight to the {@link RunStore}.
 */
public final class RunService implements AutoCloseable {

    /** Longer filters are refused: a regular expression is checked against every test name. */
    public static final int MAX_FILTER_LENGTH = 1000;

    private final SuiteCatalog catalog;
    private final RunStore store;
    private final Clock clock;
    private final String environment;
    private final RunDispatcher dispatcher;
    private final boolean clustered;
    private final int maxPendingRuns;
    private final LiveSuites liveSuites;

    /**
     * @param maxPendingRuns how many runs of one suite may wait to start; more triggers are refused
     * @param clustered whether other daemons share the store (PostgreSQL): then only the runs of
     *     dead replicas are put back in the queue, at start and as long as it runs
     * @param events told when each execution of a run starts and stops (metrics, hooks)
     */
    public RunService(
            SuiteCatalog catalog,
            RunStore store,
            Clock clock,
            String environment,
            int maxConcurrentRuns,
            int maxPendingRuns,
            boolean clustered,
            RunEvents events) {
        this(catalog, store, clock, environment, maxConcurrentRuns, maxPendingRuns, clustered, events, LiveSuites.NONE);
    }

    /**
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
            boolean clustered,
            RunEvents events,
            LiveSuites liveSuites) {
        this.maxPendingRuns = maxPendingRuns;
        this.liveSuites = liveSuites;
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
        this.environment = environment;
        this.clustered = clustered;
        this.dispatcher = new RunDispatcher(catalog, store, clock, maxConcurrentRuns, clustered, liveSuites, events);
    }

    /**
     * Puts the runs a stopped daemon left running back in the queue, and starts executing. In a
     * cluster, the daemon's Quartz scheduler must have checked in first, or another replica would
     * take this one's runs for a dead replica's.
     */
    public void start() {
        if (clustered) {
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
     * @throws dev.handoff.daemon.store.PendingLimitException when the suite has too many pending runs
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
     * Checks what a trigger of the suite would ask, without triggering: a schedule is checked so
     * when it is made, not at its first fire.
     *
     * @throws UnknownSuiteException when there is no such suite
     * @throws InvalidParameterException when the filter is not a valid regular expression or
     *     matches none of the suite's tests (parameter {@code filter})
     */
    public Suite check(String suiteName, Optional<String> filter) {
        Suite suite = catalog.require(suiteName);
        filter.ifPresent(regex -> checkFilter(suite, regex));
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
                || !clustered
                || !liveSuites.read().contains(suiteName)) {
            check(suiteName, filter);
            return;
        }
        filter.ifPresent(RunService::compileFilter);
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

    private static Pattern compileFilter(String filter) {
        if (filter.length() > MAX_FILTER_LENGTH) {
            throw new InvalidParameterException(
                    "filter",
                    "filter is " + filter.length() + " characters long; at most " + MAX_FILTER_LENGTH + " are allowed");
        }
        try {
            return Pattern.compile(filter);
        } catch (PatternSyntaxException e) {
            throw new InvalidParameterException(
                    "filter",
                    "filter '" + filter + "' is not a valid regular expression: " + e.getDescription() + " near index "
                            + e.getIndex());
        }
    }

    /** A filter must compile, stay short, match at a bounded cost, and pick at least one of the suite's tests. */
    static void checkFilter(Suite suite, String filter) {
        Pattern pattern = compileFilter(filter);
        List<String> tests = suite.tests();
        boolean found;
        try {
            found = FilterMatching.anyFound(pattern, tests);
        } catch (FilterMatching.TooCostly e) {
            throw new InvalidParameterException(
                    "filter",
                    "filter '" + filter + "' takes too many steps to match the "
                            + tests.size() + " test names of suite '" + suite.name() + "' (more than "
                            + FilterMatching.STEPS_PER_NAME
                            + " steps for one name or " + FilterMatching.STEPS_PER_SUITE
                            + " in all): avoid nested repetition such as (a+)+");
        }
        if (!found) {
            List<String> sorted = tests.stream().sorted().toList();
            String names = String.join(", ", sorted.subList(0, Math.min(sorted.size(), 20)))
                    + (sorted.size() > 20 ? ", ..." : "");
            throw new InvalidParameterException(
                    "filter",
                    "filter '" + filter + "' matches none of the tests of suite '" + suite.name() + "': " + names);
        }
    }
}
