package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Called on the run's thread for each test of a run once the run's result is stored, before the
 * suite's next run starts. Keep it quick: the call is abandoned after the daemon's hook timeout.
 * For slow work (a network call) use {@link AsyncTestFinishedListener}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface TestFinishedListener extends Hook {

    /** @param values adds context values to this test */
    void testFinished(FinishedTest test, ContextValues values);
}
