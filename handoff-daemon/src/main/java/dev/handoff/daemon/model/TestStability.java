package dev.handoff.daemon.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A test's stability over a suite's newest finished runs.
 *
 * @param runs how many of the window's runs ran it
 * @param passes runs whose final attempt passed (flaky passes included)
 * @param failures runs whose final attempt failed and failed the run
 * @param flakyPasses runs where it passed only after a failed attempt
 * @param softFailures runs where it failed softly (soft-failure tests and quarantined tests)
 * @param flipRate share of consecutive runs whose final results differ (failing or not)
 * @param meanAttempts attempts per run
 * @param lastFailureMessage why it last failed, within the window
 * @param lastFailedAt when the last run in which it failed finished
 * @param stateChangedAt when the run that changed its state (failing to passing or back) finished
 * @param impact runs it made flaky or failed (soft failures included): what ranks flaky tests
 * @param outcomes its outcomes in the window, newest first: the result strip
 */
@API(status = API.Status.EXPERIMENTAL)
public record TestStability(
        String test,
        Stability stability,
        int runs,
        int passes,
        int failures,
        int flakyPasses,
        int softFailures,
        double flipRate,
        double meanAttempts,
        Optional<String> lastFailureMessage,
        Optional<Instant> lastFailedAt,
        Optional<Instant> stateChangedAt,
        int impact,
        Optional<Quarantine> quarantine,
        List<TestRunOutcome> outcomes) {

    public TestStability {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(stability, "stability");
        Objects.requireNonNull(lastFailureMessage, "lastFailureMessage");
        Objects.requireNonNull(lastFailedAt, "lastFailedAt");
        Objects.requireNonNull(stateChangedAt, "stateChangedAt");
        Objects.requireNonNull(quarantine, "quarantine");
        outcomes = List.copyOf(outcomes);
    }

    /** Share of its runs in which it passed only after a failed attempt. */
    public double flakeRate() {
        return runs == 0 ? 0 : (double) flakyPasses / runs;
    }

    /** Share of its runs it made flaky or failed. */
    public double troubleRate() {
        return runs == 0 ? 0 : (double) impact / runs;
    }

    /**
     * Whether its trouble (flaky passes and failures) grows or shrinks: the newer half of the
     * window against the older half. {@code worsening} or {@code improving} when the share differs
     * by at least 10 points, else {@code steady}; {@code unknown} with fewer than 4 runs.
     */
    public String trend() {
        if (outcomes.size() < 4) {
            return "unknown";
        }
        int half = outcomes.size() / 2;
        double newer = trouble(outcomes.subList(0, half));
        double older = trouble(outcomes.subList(half, outcomes.size()));
        if (newer - older >= 0.1) {
            return "worsening";
        }
        return older - newer >= 0.1 ? "improving" : "steady";
    }

    private static double trouble(List<TestRunOutcome> part) {
        return (double) part.stream().filter(o -> o.flaky() || o.failing()).count() / part.size();
    }

    public boolean quarantined() {
        return quarantine.isPresent();
    }
}
