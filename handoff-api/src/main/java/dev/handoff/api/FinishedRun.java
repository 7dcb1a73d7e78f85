package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A finished suite run with every test's latest result: the result model handed to hooks.
 *
 * @param number the run's number within its suite (1, 2, 3 ...)
 * @param result {@code passed}, {@code flaky} (passed, but a test needed another attempt), {@code
 *     failed} or {@code cancelled}
 * @param previousResult the result of the suite's previous finished run (cancelled runs left
 *     out); empty for its first: tells a recovery from a run that keeps passing
 * @param ref what was tested, such as a commit SHA, when the trigger gave one
 * @param initiatedBy who or what triggered it, as the trigger said: a user, {@code cli}, {@code
 *     schedule:NAME}
 * @param caller the API token's name or client certificate's subject that the daemon verified for
 *     the trigger; empty when the daemon takes triggers without a token, and for scheduled runs
 * @param parameters the run's parameters
 * @param startedAt empty for a run cancelled before it started
 * @param failureMessage why the suite itself failed (setup, teardown, suite timeout) or was
 *     cancelled
 * @param counts how its tests ended
 * @param tests every test's latest result, in the order tests first finished
 * @param url the run's page, below the daemon's public address
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record FinishedRun(
        String suite,
        String namespace,
        long number,
        String result,
        Optional<String> previousResult,
        Optional<String> ref,
        String initiatedBy,
        Optional<String> caller,
        String environment,
        Map<String, String> parameters,
        Optional<Instant> startedAt,
        Instant finishedAt,
        Optional<String> failureMessage,
        Counts counts,
        List<FinishedTest> tests,
        URI url) {

    public FinishedRun {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(previousResult, "previousResult");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(initiatedBy, "initiatedBy");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(environment, "environment");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(failureMessage, "failureMessage");
        Objects.requireNonNull(counts, "counts");
        tests = List.copyOf(tests);
        Objects.requireNonNull(url, "url");
    }

    /** How the tests of a run ended, by their latest attempt. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Counts(int passed, int failed, int softFailed, int skipped, int flaky) {

        public int total() {
            return passed + failed + softFailed + skipped;
        }
    }

    /** Whether the run passed, flaky or not. */
    public boolean passed() {
        return result.equals("passed") || result.equals("flaky");
    }

    public boolean failed() {
        return result.equals("failed");
    }

    /** Whether it passed right after a failed run of the suite. */
    public boolean recovered() {
        return passed()
                && previousResult.filter(previous -> previous.equals("failed")).isPresent();
    }

    /** From start to finish; zero for a run cancelled before it started. */
    public Duration duration() {
        return startedAt.map(start -> Duration.between(start, finishedAt)).orElse(Duration.ZERO);
    }
}
