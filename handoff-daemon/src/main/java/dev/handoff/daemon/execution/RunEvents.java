package dev.handoff.daemon.execution;

import dev.handoff.daemon.model.RunId;
import org.apiguardian.api.API;

/**
 * What the runner tells about runs as they go, for metrics and hooks. Both calls come on the run's
 * own thread, before the dispatcher lets the suite's next run start, so that a suite's events
 * arrive in order (a pending run cancelled or given up without executing is told on a thread of
 * its own). An implementation must never throw, and must bound the time it takes: the suite's next
 * run waits for it.
 */
@API(status = API.Status.INTERNAL)
public interface RunEvents {

    /** An execution of the run starts (its first, a retry, or a resume after a restart). */
    void started(RunId run);

    /**
     * The execution ended: the run's result is stored, unless the daemon stops and the run resumes
     * at its next start; or a pending run was cancelled or given up without executing.
     */
    void stopped(RunId run);
}
