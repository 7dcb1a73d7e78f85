package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One test of a finished run, as its latest attempt ended: the result model handed to hooks.
 *
 * @param test the test's name ({@code method}, or {@code Nested/method})
 * @param result {@code passed}, {@code failed}, {@code soft-failed} or {@code skipped}
 * @param attempts how many attempts it had in the run
 * @param flaky whether it passed after a failed attempt
 * @param failureMessage why it did not pass (or why it was skipped)
 * @param values the context values of its latest attempt
 * @param url the test's page
 * @param traceId the trace its latest attempt ran in; empty when it was not traced
 * @param traceUrl the link to that trace (the daemon's {@code --trace-url}); empty without one
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record FinishedTest(
        String suite,
        String namespace,
        long runNumber,
        String test,
        String result,
        int attempts,
        boolean flaky,
        Instant startedAt,
        Instant finishedAt,
        Optional<String> failureMessage,
        Map<String, String> values,
        URI url,
        Optional<String> traceId,
        Optional<URI> traceUrl) {

    /** A test that was not traced. */
    public FinishedTest(
            String suite,
            String namespace,
            long runNumber,
            String test,
            String result,
            int attempts,
            boolean flaky,
            Instant startedAt,
            Instant finishedAt,
            Optional<String> failureMessage,
            Map<String, String> values,
            URI url) {
        this(
                suite,
                namespace,
                runNumber,
                test,
                result,
                attempts,
                flaky,
                startedAt,
                finishedAt,
                failureMessage,
                values,
                url,
                Optional.empty(),
                Optional.empty());
    }

    public FinishedTest {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(failureMessage, "failureMessage");
        values = Map.copyOf(values);
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(traceUrl, "traceUrl");
    }

    /** Whether the test failed (soft failures do not count). */
    public boolean failed() {
        return result.equals("failed");
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }
}
