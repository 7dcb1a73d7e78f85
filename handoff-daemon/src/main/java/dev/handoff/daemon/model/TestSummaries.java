package dev.handoff.daemon.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Folds a run's attempts, in any order, into one {@link TestSummary} per test: its latest attempt
 * (highest number), how many attempts it had, and whether it is flaky (its latest attempt passed
 * and an earlier one failed). The store reads a run's tests through it and {@code exec} sums up
 * what it ran through it, so the two cannot count a test differently. Keeps only the latest
 * attempt of each test, not every attempt.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class TestSummaries {

    private record Seen(Attempt latest, int attempts, boolean failedBefore) {}

    private final Map<String, Seen> tests = new LinkedHashMap<>();

    public void add(Attempt attempt) {
        Seen seen = tests.get(attempt.test());
        if (seen == null) {
            tests.put(attempt.test(), new Seen(attempt, 1, false));
            return;
        }
        boolean later = attempt.number() > seen.latest().number();
        Attempt earlier = later ? seen.latest() : attempt;
        tests.put(
                attempt.test(),
                new Seen(
                        later ? attempt : seen.latest(),
                        seen.attempts() + 1,
                        seen.failedBefore() || earlier.result().isFailure()));
    }

    /** One summary per test, in the order each test's first attempt came. */
    public List<TestSummary> summaries() {
        List<TestSummary> summaries = new ArrayList<>(tests.size());
        for (Seen seen : tests.values()) {
            boolean flaky = seen.latest().result() == AttemptResult.PASSED && seen.failedBefore();
            summaries.add(new TestSummary(seen.latest(), seen.attempts(), flaky));
        }
        return summaries;
    }
}
