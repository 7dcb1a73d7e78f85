package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * As {@link SuiteRunFinishedListener}, called off the run's thread: notifications to Slack,
 * PagerDuty and the like. Calls to one hook come one after another, in the order runs finished; a
 * call taking longer than the daemon's async hook timeout is interrupted.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface AsyncSuiteRunFinishedListener extends Hook {

    /** @param values adds context values to the run */
    void suiteRunFinished(FinishedRun run, ContextValues values);
}
