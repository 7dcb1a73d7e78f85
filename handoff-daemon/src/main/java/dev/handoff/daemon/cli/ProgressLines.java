package dev.handoff.daemon.cli;

import dev.handoff.daemon.model.TestCounts;
import dev.handoff.engine.internal.Durations;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The lines {@code run --wait} and {@code exec} print: one per finished attempt of a test, and a
 * summary per run. ASCII only, so that CI logs show them whatever their encoding:
 *
 * <pre>
 * PASS  checkout
 * RETRY search (attempt 1/3): expected 3 results but was 0
 * PASS  search (attempt 2/3, flaky)
 * SOFT  recommendations: latency above 200 ms
 * FAIL  payments: expected status 200 but was 503
 * SKIP  refunds: filtered out
 * CheckoutSuite #12 failed in 4.2s: 2 passed, 1 failed, 1 soft-failed, 1 skipped, 1 flaky
 * </pre>
 */
final class ProgressLines {

    /** Long enough for an assertion's expected and actual values, short enough for one line of a CI log. */
    private static final int GIST_LENGTH = 240;

    private ProgressLines() {}

    /**
     * @param result an attempt result's label ({@code passed}, {@code failed}, {@code soft-failed},
     *     {@code retrying}, {@code skipped})
     * @param maxAttempts 0 when unknown
     * @param message why it did not pass; empty for a pass
     */
    static String test(
            String result, String name, int attempt, int maxAttempts, boolean flaky, Optional<String> message) {
        StringBuilder line = new StringBuilder(String.format("%-5s %s", label(result), name));
        if (attempt > 1 || maxAttempts > 1 && !result.equals("passed") && !result.equals("skipped")) {
            line.append(" (attempt ").append(attempt);
            if (maxAttempts > 0) {
                line.append('/').append(maxAttempts);
            }
            line.append(flaky ? ", flaky)" : ")");
        }
        message.flatMap(ProgressLines::gist).ifPresent(m -> line.append(": ").append(m));
        return line.toString();
    }

    /** A suite's own failure: setup, teardown or suite timeout. */
    static String suiteFailure(String suite, String message) {
        return String.format("%-5s %s: %s", "FAIL", suite, gist(message).orElse("the suite failed"));
    }

    /** {@code CheckoutSuite #12 failed in 4.2s: 2 passed, 1 failed, 1 soft-failed, 0 skipped, 1 flaky}. */
    static String summary(String run, String result, Optional<Duration> duration, TestCounts counts) {
        return "%s %s%s: %d passed, %d failed, %d soft-failed, %d skipped, %d flaky"
                .formatted(
                        run,
                        result,
                        duration.map(d -> " in " + elapsed(d)).orElse(""),
                        counts.passed(),
                        counts.failed(),
                        counts.softFailed(),
                        counts.skipped(),
                        counts.flaky());
    }

    /** {@code 4.2s} under a minute, {@code 2m5s} above. */
    static String elapsed(Duration duration) {
        if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
            return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
        }
        return Durations.format(duration.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String label(String result) {
        return switch (result) {
            case "passed" -> "PASS";
            case "failed" -> "FAIL";
            case "soft-failed" -> "SOFT";
            case "retrying" -> "RETRY";
            case "skipped" -> "SKIP";
            default -> result.toUpperCase(Locale.ROOT);
        };
    }

    /**
     * A message on one line: its lines joined, cut at {@value #GIST_LENGTH} characters. Not only
     * the first line: AssertJ puts the description there ({@code [status of GET /orders]}) and
     * what differed ({@code expected: 200 but was: 503}) on the next ones.
     */
    private static Optional<String> gist(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String joined =
                text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(" "));
        if (joined.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(joined.length() <= GIST_LENGTH ? joined : joined.substring(0, GIST_LENGTH - 3) + "...");
    }
}
