package dev.handoff.daemon.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How one test ended in one finished run, as kept for its history: its final attempt.
 *
 * @param result {@link AttemptResult#PASSED}, {@link AttemptResult#FAILED} or {@link
 *     AttemptResult#SOFT_FAILED}
 * @param attempts how many attempts it took
 * @param flaky whether it passed after a failed attempt
 * @param quarantined whether it failed while quarantined (then its result is a soft failure)
 * @param failureMessage why its final attempt failed
 */
@API(status = API.Status.EXPERIMENTAL)
public record TestRunOutcome(
        long runNumber,
        AttemptResult result,
        int attempts,
        boolean flaky,
        boolean quarantined,
        Instant finishedAt,
        Optional<String> failureMessage) {

    public TestRunOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(failureMessage, "failureMessage");
    }

    /** Whether the test's code failed in the end, soft or not: what a state change is made of. */
    public boolean failing() {
        return result == AttemptResult.FAILED || result == AttemptResult.SOFT_FAILED;
    }
}
