package dev.handoff.daemon.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How tests' histories are judged (see the model's {@code StabilityRules}), and whether flaky
 * tests are quarantined by themselves.
 *
 * @param window how many of a suite's newest finished runs are looked at
 * @param minRuns fewer runs than this: the test is new
 * @param brokenAfter failed in this many newest runs: broken
 * @param flakyPercent passed only after retries in this share of its runs: flaky
 * @param flipPercent result changed between this share of consecutive runs: flaky
 * @param autoQuarantine how long a test judged flaky is quarantined by itself; empty: never
 */
@API(status = API.Status.EXPERIMENTAL)
public record StabilityConfig(
        int window,
        int minRuns,
        int brokenAfter,
        int flakyPercent,
        int flipPercent,
        Optional<Duration> autoQuarantine) {

    public StabilityConfig {
        Objects.requireNonNull(autoQuarantine, "autoQuarantine");
    }

    static StabilityConfig of(Values values) {
        return new StabilityConfig(
                values.get(Settings.STABILITY_WINDOW),
                values.get(Settings.STABILITY_MIN_RUNS),
                values.get(Settings.BROKEN_AFTER),
                values.get(Settings.FLAKY_PERCENT),
                values.get(Settings.FLIP_PERCENT),
                values.get(Settings.AUTO_QUARANTINE));
    }
}
