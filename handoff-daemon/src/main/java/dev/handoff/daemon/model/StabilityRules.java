package dev.handoff.daemon.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How a test's history is judged. Over the suite's last {@code window} finished runs, looking at
 * the runs that ran the test, newest first:
 *
 * <ol>
 *   <li>{@code new} when fewer than {@code minRuns} of them ran it;
 *   <li>{@code broken} when it failed (softly or not) in each of the newest {@code brokenAfter};
 *   <li>{@code flaky} when it passed only after a failed attempt in at least {@code flakyPercent}
 *       per cent of them, or its final result changed between consecutive runs in at least {@code
 *       flipPercent} per cent of the pairs;
 *   <li>{@code stable} otherwise.
 * </ol>
 *
 * A test that failed for a while and passes again (recovered) changed state twice: stable, unless
 * it keeps doing so.
 */
@API(status = API.Status.EXPERIMENTAL)
public record StabilityRules(int window, int minRuns, int brokenAfter, int flakyPercent, int flipPercent) {

    public static final StabilityRules DEFAULT = new StabilityRules(50, 5, 3, 10, 20);

    /** The most runs a window may hold: bounds what one read of a suite's history costs. */
    public static final int MAX_WINDOW = 1000;

    public StabilityRules {
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("the window must be from 1 to " + MAX_WINDOW + " runs, not " + window);
        }
        if (minRuns < 1 || brokenAfter < 1) {
            throw new IllegalArgumentException("minRuns and brokenAfter must be at least 1");
        }
        if (flakyPercent < 0 || flakyPercent > 100 || flipPercent < 0 || flipPercent > 100) {
            throw new IllegalArgumentException("flakyPercent and flipPercent are per cent, from 0 to 100");
        }
    }

    public StabilityRules withWindow(int runs) {
        return new StabilityRules(runs, minRuns, brokenAfter, flakyPercent, flipPercent);
    }

    /**
     * @param outcomes the test's outcomes in the window, newest first
     * @param quarantine its quarantine, when it is quarantined now
     */
    public TestStability judge(String test, List<TestRunOutcome> outcomes, Optional<Quarantine> quarantine) {
        int runs = outcomes.size();
        int passes = 0, failures = 0, flakyPasses = 0, soft = 0, flips = 0, attempts = 0;
        Optional<String> lastMessage = Optional.empty();
        Optional<java.time.Instant> lastFailedAt = Optional.empty();
        Optional<java.time.Instant> changedAt = Optional.empty();
        for (int i = 0; i < runs; i++) {
            TestRunOutcome outcome = outcomes.get(i);
            attempts += outcome.attempts();
            switch (outcome.result()) {
                case PASSED -> passes++;
                case FAILED -> failures++;
                case SOFT_FAILED -> soft++;
                default -> {}
            }
            if (outcome.flaky() && outcome.result() == AttemptResult.PASSED) {
                flakyPasses++;
            }
            if (outcome.failing() && lastFailedAt.isEmpty()) {
                lastFailedAt = Optional.of(outcome.finishedAt());
                lastMessage = outcome.failureMessage();
            }
            if (i + 1 < runs && outcome.failing() != outcomes.get(i + 1).failing()) {
                flips++;
                if (changedAt.isEmpty()) {
                    changedAt = Optional.of(outcome.finishedAt());
                }
            }
        }
        double flipRate = runs < 2 ? 0 : (double) flips / (runs - 1);
        Stability stability = classify(outcomes, flakyPasses, flipRate);
        return new TestStability(
                test,
                stability,
                runs,
                passes,
                failures,
                flakyPasses,
                soft,
                flipRate,
                runs == 0 ? 0 : (double) attempts / runs,
                lastMessage,
                lastFailedAt,
                changedAt,
                flakyPasses + failures + soft,
                quarantine,
                outcomes);
    }

    private Stability classify(List<TestRunOutcome> outcomes, int flakyPasses, double flipRate) {
        int runs = outcomes.size();
        if (runs < minRuns) {
            return Stability.NEW;
        }
        if (runs >= brokenAfter && outcomes.subList(0, brokenAfter).stream().allMatch(TestRunOutcome::failing)) {
            return Stability.BROKEN;
        }
        boolean oftenRetried = flakyPasses > 0 && flakyPasses * 100 >= flakyPercent * runs;
        boolean oftenFlipped = flipRate > 0 && flipRate * 100 >= flipPercent;
        return oftenRetried || oftenFlipped ? Stability.FLAKY : Stability.STABLE;
    }

    /** The tests of a suite judged one by one, most trouble first (flaky and broken before the rest). */
    public static List<TestStability> ranked(List<TestStability> tests) {
        List<TestStability> sorted = new ArrayList<>(tests);
        sorted.sort(java.util.Comparator.comparingInt((TestStability t) -> t.impact())
                .reversed()
                .thenComparing(TestStability::test));
        return sorted;
    }
}
