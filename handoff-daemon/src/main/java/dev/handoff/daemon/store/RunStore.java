package dev.handoff.daemon.store;

import dev.handoff.daemon.run.Attempt;
import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.run.RunOutcome;
import dev.handoff.daemon.run.SuiteRun;
import java.time.Instant;
import java.util.Optional;

/**
 * Where runs are kept. The runner writes each step of a run as it happens (so pages show runs in
 * progress) and readers get snapshots. Implementations are safe for concurrent use.
 */
public interface RunStore {

    /** Creates the suite's next run (numbered 1, 2, 3 ... per suite) in state pending. */
    SuiteRun create(String suite, Instant at);

    /** @throws IllegalArgumentException when there is no such run */
    void started(RunId id, Instant at);

    /** @throws IllegalArgumentException when there is no such run */
    void attemptFinished(RunId id, Attempt attempt);

    /** @throws IllegalArgumentException when there is no such run */
    void finished(RunId id, RunOutcome outcome);

    Optional<SuiteRun> find(RunId id);

    /** The suite's most recent run, whatever its state. */
    Optional<SuiteRun> lastRun(String suite);
}
