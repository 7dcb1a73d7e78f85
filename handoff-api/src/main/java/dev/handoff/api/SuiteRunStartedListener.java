package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Called off the run's thread when a run starts executing (and when a retry of it starts), in the
 * same order as the hook's other async calls: a commit status can show {@code pending}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface SuiteRunStartedListener extends Hook {

    void suiteRunStarted(StartedRun run);
}
