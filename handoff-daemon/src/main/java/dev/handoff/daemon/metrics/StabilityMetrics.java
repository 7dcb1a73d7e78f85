package dev.handoff.daemon.metrics;

import dev.handoff.daemon.model.Stability;
import dev.handoff.daemon.model.TestStability;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * The meters of tests' stability, refreshed after each run of a suite:
 *
 * <ul>
 *   <li>{@code handoff_test_flake_rate{suite_name,test,quarantined}}: share of the window's runs
 *       in which the test passed only after a failed attempt, only for tests classified {@code
 *       flaky}, so that the number of series stays that of the flaky tests, not of all tests;
 *   <li>{@code handoff_tests_quarantined{suite_name}}: the suite's tests quarantined now.
 * </ul>
 */
@API(status = API.Status.INTERNAL)
public final class StabilityMetrics {

    private final MeterRegistry registry;
    private final Map<String, MultiGauge> flakeRates = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> quarantined = new ConcurrentHashMap<>();

    public StabilityMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The suite's tests as judged now: the flaky ones get (or keep) a series, the others lose theirs. */
    public void suiteJudged(String suite, List<TestStability> tests) {
        MultiGauge gauge = flakeRates.computeIfAbsent(
                suite,
                name -> MultiGauge.builder("handoff.test.flake.rate")
                        .description("Share of recent runs in which a flaky test passed only after a failed attempt")
                        .register(registry));
        gauge.register(
                tests.stream()
                        .filter(test -> test.stability() == Stability.FLAKY)
                        .map(test -> MultiGauge.Row.of(
                                Tags.of(
                                        "suite_name",
                                        suite,
                                        "test",
                                        test.test(),
                                        "quarantined",
                                        Boolean.toString(test.quarantined())),
                                test.flakeRate()))
                        .toList(),
                true);
        quarantinedOf(suite)
                .set((int) tests.stream().filter(TestStability::quarantined).count());
    }

    /** How many of the suite's tests are quarantined now. */
    public void quarantined(String suite, int count) {
        quarantinedOf(suite).set(count);
    }

    private AtomicInteger quarantinedOf(String suite) {
        return quarantined.computeIfAbsent(suite, name -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("handoff.tests.quarantined", value, AtomicInteger::get)
                    .description("Tests quarantined now: their failures are soft failures")
                    .tags("suite_name", name)
                    .register(registry);
            return value;
        });
    }
}
