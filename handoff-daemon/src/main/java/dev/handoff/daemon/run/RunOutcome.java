package dev.handoff.daemon.run;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known once a run is over, besides its attempts.
 *
 * @param setupLog the log lines of suite setup and teardown ({@code @BeforeAll}, {@code @AfterAll})
 * @param suiteFailure why the suite itself failed (setup, teardown, suite timeout, a run that could
 *     not start); empty when it did not
 */
public record RunOutcome(RunResult result, Instant finishedAt, String setupLog, Optional<Failure> suiteFailure) {

    public RunOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(setupLog, "setupLog");
        Objects.requireNonNull(suiteFailure, "suiteFailure");
        if (!result.isFinished()) {
            throw new IllegalArgumentException("a run's outcome must be a finished result, got " + result.label());
        }
    }
}
