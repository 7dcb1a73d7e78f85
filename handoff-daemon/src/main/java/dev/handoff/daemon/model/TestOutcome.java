package dev.handoff.daemon.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How one test ended in one run: its latest attempt's result, and how many attempts it took. A
 * test's history is a list of these, one per run.
 *
 * @param runCreatedAt when the run was created, which orders a history
 */
@API(status = API.Status.EXPERIMENTAL)
public record TestOutcome(
        RunId run,
        Instant runCreatedAt,
        AttemptResult result,
        int attempts,
        boolean flaky,
        boolean soft,
        Duration duration) {

    public TestOutcome {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(runCreatedAt, "runCreatedAt");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(duration, "duration");
    }
}
