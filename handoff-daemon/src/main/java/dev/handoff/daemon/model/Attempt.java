package dev.handoff.daemon.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One attempt of one test in a run.
 *
 * @param test the test's name ({@code method}, or {@code Nested/method})
 * @param number the attempt's number within the run, from 1 (a retried run's attempts continue the
 *     count)
 * @param maxAttempts how many attempts the test may use in the run so far: its maximum, plus the
 *     attempts of earlier executions when the run was retried or resumed
 * @param soft whether a failure of this attempt is a soft failure
 * @param flaky whether it passed after a failed attempt
 * @param failure why it did not pass; empty when it passed
 * @param log its log lines, each {@code <ISO instant> <log|stdout|stderr> <text>}
 * @param values the context values the test set ({@code HandoffContext.setValue})
 * @param invocations its invocations, for a parameterized, repeated or dynamic test
 * @param traceId the trace it ran in (32 hex digits); empty when it was not traced
 * @param traceSpanId its own span in that trace (16 hex digits)
 */
@API(status = API.Status.EXPERIMENTAL)
public record Attempt(
        String test,
        int number,
        int maxAttempts,
        AttemptResult result,
        boolean soft,
        boolean flaky,
        Instant startedAt,
        Instant finishedAt,
        Optional<Failure> failure,
        String log,
        List<Span> spans,
        Map<String, String> values,
        Invocations invocations,
        Optional<String> traceId,
        Optional<String> traceSpanId) {

    public Attempt {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(traceSpanId, "traceSpanId");
        Objects.requireNonNull(invocations, "invocations");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(log, "log");
        spans = List.copyOf(spans);
        values = Map.copyOf(values);
    }

    /** An attempt that was not traced. */
    public Attempt(
            String test,
            int number,
            int maxAttempts,
            AttemptResult result,
            boolean soft,
            boolean flaky,
            Instant startedAt,
            Instant finishedAt,
            Optional<Failure> failure,
            String log,
            List<Span> spans,
            Map<String, String> values,
            Invocations invocations) {
        this(
                test,
                number,
                maxAttempts,
                result,
                soft,
                flaky,
                startedAt,
                finishedAt,
                failure,
                log,
                spans,
                values,
                invocations,
                Optional.empty(),
                Optional.empty());
    }

    /** An attempt of a test without invocations. */
    public Attempt(
            String test,
            int number,
            int maxAttempts,
            AttemptResult result,
            boolean soft,
            boolean flaky,
            Instant startedAt,
            Instant finishedAt,
            Optional<Failure> failure,
            String log,
            List<Span> spans,
            Map<String, String> values) {
        this(
                test,
                number,
                maxAttempts,
                result,
                soft,
                flaky,
                startedAt,
                finishedAt,
                failure,
                log,
                spans,
                values,
                Invocations.NONE);
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /**
     * The same attempt under another number: a later execution of the run (a retry, a resume)
     * continues the count, and its attempts allowed add to the ones used before.
     */
    public Attempt renumbered(int offset) {
        return offset == 0
                ? this
                : new Attempt(
                        test,
                        number + offset,
                        maxAttempts + offset,
                        result,
                        soft,
                        flaky,
                        startedAt,
                        finishedAt,
                        failure,
                        log,
                        spans,
                        values,
                        invocations,
                        traceId,
                        traceSpanId);
    }
}
