package dev.handoff.daemon.web;

import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.store.RunStore;

/**
 * What the API can do to runs. In the daemon the wiring implements it by delegating to {@link
 * dev.handoff.daemon.trigger.RunService} (the web layer does not construct it); the web tests use a
 * fake over an in-memory store. An interface, so that the web layer depends on the three operations
 * and not on how runs are executed.
 */
public interface RunActions {

    /**
     * Creates a pending run of the suite, or returns the run the request's idempotency key already
     * got ({@link RunStore.Created#created()} false).
     *
     * @throws dev.handoff.daemon.model.UnknownSuiteException when there is no such suite
     * @throws dev.handoff.daemon.model.InvalidParameterException when a parameter is unusable
     * @throws dev.handoff.daemon.model.ShuttingDownException when the daemon is stopping
     */
    RunStore.Created trigger(String suite, RunRequest request);

    /**
     * Runs the failed tests of a finished run again.
     *
     * @throws dev.handoff.daemon.model.UnknownRunException when there is no such run
     * @throws dev.handoff.daemon.model.RunConflictException when it cannot be retried now
     */
    SuiteRun retry(RunId id);

    /**
     * Cancels a pending or running run.
     *
     * @throws dev.handoff.daemon.model.UnknownRunException when there is no such run
     * @throws dev.handoff.daemon.model.RunConflictException when it already finished
     */
    SuiteRun cancel(RunId id);
}
