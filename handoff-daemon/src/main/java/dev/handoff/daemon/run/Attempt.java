package dev.handoff.daemon.run;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of one test in a run.
 *
 * @param test the test's name ({@code method}, or {@code Nested/method})
 * @param number the attempt's number, from 1
 * @param maxAttempts how many attempts the test may use
 * @param soft whether a failure of this attempt is a soft failure
 * @param flaky whether it passed after a failed attempt
 * @param failure why it did not pass; empty when it passed
 * @param log its log lines, each {@code <ISO instant> <log|stdout|stderr> <text>}
 */
public record Attempt(
        String test,
        int number,
        int maxAttempts,
        AttemptResult result,
        boolean soft,
        boolean flaky,
        Duration duration,
        Optional<Failure> failure,
        String log) {

    public Attempt {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(log, "log");
    }
}
