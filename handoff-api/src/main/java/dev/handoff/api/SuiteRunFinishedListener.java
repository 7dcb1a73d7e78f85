package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Called on the run's thread once the run's result is stored (after the {@link
 * TestFinishedListener}s), before the suite's next run starts. Keep it quick: the call is abandoned
 * after the daemon's hook timeout. For slow work use {@link AsyncSuiteRunFinishedListener}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface SuiteRunFinishedListener extends Hook {

    /** @param values adds context values to the run */
    void suiteRunFinished(FinishedRun run, ContextValues values);
}
