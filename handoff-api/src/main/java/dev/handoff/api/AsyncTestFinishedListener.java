package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * As {@link TestFinishedListener}, called off the run's thread: the run and the next ones go on
 * without waiting. Calls to one hook come one after another, in the order tests finished; a call
 * taking longer than the daemon's async hook timeout is interrupted.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface AsyncTestFinishedListener extends Hook {

    /** @param values adds context values to this test */
    void testFinished(FinishedTest test, ContextValues values);
}
