package dev.handoff.daemon.runner;

import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.run.RunRequest;
import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.store.RunStore;

/**
 * What can be done to runs: trigger, retry, cancel. Reads go straight to the {@link RunStore}.
 */
public final class RunService {

    /**
     * Creates a pending run of the suite and queues it, or returns the run the request's
     * idempotency key already got.
     *
     * @throws UnknownSuiteException when there is no such suite
     * @throws InvalidParameterException when the filter is not a valid regular expression or
     *     matches none of the suite's tests (parameter {@code filter})
     * @throws ShuttingDownException when the daemon is stopping
     */
    public RunStore.Created trigger(String suite, RunRequest request) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * Runs the failed tests of a finished run again, as new attempts of the same run.
     *
     * @return the run, pending again
     * @throws UnknownRunException when there is no such run
     * @throws RunConflictException when it has not finished, or has no failed test
     */
    public SuiteRun retry(RunId id) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * Cancels a pending or running run: a pending run ends at once, a running one once its
     * current test stopped; tests not started are not run.
     *
     * @return the run as it is now (cancelled, or still running while it stops)
     * @throws UnknownRunException when there is no such run
     * @throws RunConflictException when it already finished
     */
    public SuiteRun cancel(RunId id) {
        throw new UnsupportedOperationException("being written");
    }
}
