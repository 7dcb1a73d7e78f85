package dev.handoff.daemon.stability;

import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.hook.StabilityFeed;
import dev.handoff.daemon.metrics.StabilityMetrics;
import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.Quarantine;
import dev.handoff.daemon.model.QuarantineEvent;
import dev.handoff.daemon.model.Stability;
import dev.handoff.daemon.model.StabilityRules;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.TestRunOutcome;
import dev.handoff.daemon.model.TestStability;
import dev.handoff.daemon.store.StabilityStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Tests' stability and quarantines: judges a suite's tests from their stored outcomes with the
 * daemon's {@link StabilityRules}, quarantines and lifts, and after each run refreshes the
 * stability metrics and, with {@code --auto-quarantine}, quarantines the tests newly judged flaky.
 */
@API(status = API.Status.INTERNAL)
public final class StabilityService {

    private static final System.Logger LOG = System.getLogger(StabilityService.class.getName());

    private final StabilityStore store;
    private final SuiteCatalog catalog;
    private final StabilityRules rules;
    private final Optional<Duration> autoQuarantine;
    private final StabilityMetrics metrics;
    private final Clock clock;

    /** @param autoQuarantine how long a test judged flaky is quarantined by itself; empty: never */
    public StabilityService(
            StabilityStore store,
            SuiteCatalog catalog,
            StabilityRules rules,
            Optional<Duration> autoQuarantine,
            StabilityMetrics metrics,
            Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.rules = rules;
        this.autoQuarantine = autoQuarantine;
        this.metrics = metrics;
        this.clock = clock;
    }

    public StabilityRules rules() {
        return rules;
    }

    /**
     * Every test of the suite with its stability, the most trouble first: the suite's tests and any
     * test its recent runs ran that it no longer has.
     *
     * @param window the number of newest finished runs looked at; empty: the daemon's default
     * @throws dev.handoff.daemon.model.UnknownSuiteException for a suite the daemon does not know
     * @throws InvalidParameterException for a window out of range
     */
    public List<TestStability> suite(String suite, OptionalInt window) {
        Suite known = catalog.require(suite);
        StabilityRules used = rules(window);
        Map<String, List<TestRunOutcome>> outcomes = store.suiteOutcomes(suite, used.window());
        Map<String, Quarantine> quarantines = store.quarantines(suite, clock.instant());
        TreeSet<String> tests = new TreeSet<>(known.tests());
        tests.addAll(outcomes.keySet());
        List<TestStability> judged = new ArrayList<>();
        for (String test : tests) {
            judged.add(used.judge(
                    test, outcomes.getOrDefault(test, List.of()), Optional.ofNullable(quarantines.get(test))));
        }
        return StabilityRules.ranked(judged);
    }

    /**
     * One test's stability, with its outcomes in the window (the result strip).
     *
     * @throws dev.handoff.daemon.model.UnknownSuiteException for a suite the daemon does not know
     */
    public TestStability test(String suite, String test, OptionalInt window) {
        catalog.require(suite);
        StabilityRules used = rules(window);
        List<TestRunOutcome> outcomes = store.testOutcomes(suite, test, used.window());
        return used.judge(
                test,
                outcomes,
                Optional.ofNullable(store.quarantines(suite, clock.instant()).get(test)));
    }

    /** Who quarantined or lifted the test, and why, oldest first. */
    public List<QuarantineEvent> audit(String suite, String test) {
        catalog.require(suite);
        return store.events(suite, test);
    }

    /**
     * Quarantines a test of the suite from now on.
     *
     * @param expiresAt when it ends by itself; empty: when lifted
     * @throws InvalidParameterException naming {@code test}, {@code reason} or {@code expiresAt}
     */
    public Quarantine quarantine(String suite, String test, String reason, String by, Optional<Instant> expiresAt) {
        Suite known = catalog.require(suite);
        if (!known.tests().contains(test)) {
            throw new InvalidParameterException(
                    "test", "suite '" + suite + "' has no test '" + test + "' to quarantine");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidParameterException("reason", "a quarantine needs a reason, such as a ticket or a cause");
        }
        if (reason.length() > Quarantine.MAX_REASON) {
            throw new InvalidParameterException(
                    "reason", "a reason is at most " + Quarantine.MAX_REASON + " characters, not " + reason.length());
        }
        Instant now = clock.instant();
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
            throw new InvalidParameterException(
                    "expiresAt", "expiresAt " + expiresAt.get() + " is not in the future (now is " + now + ")");
        }
        Quarantine quarantine = new Quarantine(suite, test, reason.strip(), by, now, expiresAt);
        store.quarantine(quarantine);
        recent.remove(suite);
        metrics.quarantined(suite, store.quarantines(suite, now).size());
        return quarantine;
    }

    /** @return false when the test was not quarantined */
    public boolean lift(String suite, String test, String by, Optional<String> reason) {
        catalog.require(suite);
        Instant now = clock.instant();
        boolean lifted = store.lift(suite, test, by, reason.filter(r -> !r.isBlank()), now);
        recent.remove(suite);
        metrics.quarantined(suite, store.quarantines(suite, now).size());
        return lifted;
    }

    /**
     * After a run of the suite finished: judges its tests, refreshes the metrics, and with
     * auto-quarantine quarantines the tests judged flaky that are not quarantined yet. Never
     * throws: the run is over whatever happens here.
     */
    public void runFinished(String suite) {
        try {
            if (catalog.find(suite).isEmpty()) {
                return;
            }
            List<TestStability> tests = suite(suite, OptionalInt.empty());
            if (autoQuarantine.isPresent()) {
                Instant now = clock.instant();
                for (TestStability test : tests) {
                    if (test.stability() == Stability.FLAKY
                            && !test.quarantined()
                            && catalog.require(suite).tests().contains(test.test())) {
                        store.quarantine(new Quarantine(
                                suite,
                                test.test(),
                                "auto-quarantine: flaky (passed after retries in %d of %d runs, flip rate %.0f%%)"
                                        .formatted(test.flakyPasses(), test.runs(), test.flipRate() * 100),
                                StabilityStore.DAEMON,
                                now,
                                Optional.of(now.plus(autoQuarantine.get()))));
                    }
                }
                tests = suite(suite, OptionalInt.empty());
            }
            recent.put(suite, new Judged(clock.instant(), tests));
            metrics.suiteJudged(suite, tests);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the stability of suite " + suite + "'s tests was not refreshed: " + e.getMessage(),
                    e);
        }
    }

    /** What the hooks' "after" step asks of it. */
    public StabilityFeed feed() {
        return new StabilityFeed() {
            @Override
            public void runFinished(String suite) {
                StabilityService.this.runFinished(suite);
            }

            @Override
            public List<String> flakyTests(String suite) {
                return digestLines(suite);
            }

            @Override
            public boolean claimDigest(String hook, String suite, Duration every) {
                return store.claimDigest(hook, suite, clock.instant(), every);
            }
        };
    }

    /** The digest's lines: flaky tests, and quarantined ones, the most trouble first. */
    List<String> digestLines(String suite) {
        if (catalog.find(suite).isEmpty()) {
            return List.of();
        }
        return suite(suite, OptionalInt.empty()).stream()
                .filter(test -> test.stability() == Stability.FLAKY || test.quarantined())
                .limit(DIGEST_LINES)
                .map(test -> "%s: %s, passed after retries in %d of %d runs, flip rate %.0f%%%s"
                        .formatted(
                                test.test(),
                                test.stability().label(),
                                test.flakyPasses(),
                                test.runs(),
                                test.flipRate() * 100,
                                test.quarantine()
                                        .map(q -> " (quarantined: " + q.reason() + ")")
                                        .orElse("")))
                .toList();
    }

    /** The most tests a digest lists. */
    static final int DIGEST_LINES = 20;

    /**
     * The suite's tests as {@link #suite} judges them over the default window, kept for {@link
     * #PANEL_FRESHNESS}: what the flaky tests panels of the overview show for every suite on each
     * view. A run finished or a quarantine changed on this daemon drops the suite's copy at once;
     * one on another replica shows within {@link #PANEL_FRESHNESS}.
     */
    public List<TestStability> recent(String suite) {
        Instant now = clock.instant();
        Judged judged = recent.get(suite);
        if (judged != null && judged.at().plus(PANEL_FRESHNESS).isAfter(now)) {
            return judged.tests();
        }
        List<TestStability> tests = suite(suite, OptionalInt.empty());
        recent.put(suite, new Judged(now, tests));
        return tests;
    }

    /** How long the panels' copy of a suite's stability is used. */
    static final Duration PANEL_FRESHNESS = Duration.ofSeconds(5);

    private record Judged(Instant at, List<TestStability> tests) {}

    private final Map<String, Judged> recent = new java.util.concurrent.ConcurrentHashMap<>();

    /** The suites' quarantine counts, for the metrics at start. */
    public void refreshQuarantineCounts() {
        Map<String, Integer> counts = store.quarantinedCounts(clock.instant());
        catalog.suites().forEach(suite -> metrics.quarantined(suite.name(), counts.getOrDefault(suite.name(), 0)));
    }

    private StabilityRules rules(OptionalInt window) {
        if (window.isEmpty()) {
            return rules;
        }
        int runs = window.getAsInt();
        if (runs < 1 || runs > StabilityRules.MAX_WINDOW) {
            throw new InvalidParameterException(
                    "window", "window must be from 1 to " + StabilityRules.MAX_WINDOW + " runs, not " + runs);
        }
        return rules.withWindow(runs);
    }
}
