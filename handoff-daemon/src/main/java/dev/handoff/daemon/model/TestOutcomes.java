package dev.handoff.daemon.model;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A test's history over a suite's newest runs: how it ended in each run that ran it, newest first,
 * and how many runs were looked at (up to the window asked for: fewer when the suite has fewer).
 */
@API(status = API.Status.EXPERIMENTAL)
public record TestOutcomes(List<TestOutcome> outcomes, int runsLookedAt) {

    public TestOutcomes {
        outcomes = List.copyOf(outcomes);
        if (runsLookedAt < outcomes.size()) {
            throw new IllegalArgumentException(
                    "looked at " + runsLookedAt + " runs but found " + outcomes.size() + " outcomes");
        }
    }

    public static final TestOutcomes NONE = new TestOutcomes(List.of(), 0);

    /** Share of the runs that ran it in which it passed only after a failed attempt. */
    public double flakeRate() {
        return share(outcomes.stream().filter(TestOutcome::flaky).count());
    }

    /** Share of the runs that ran it whose last attempt failed (soft failures do not count). */
    public double failureRate() {
        return share(outcomes.stream()
                .filter(o -> o.result() == AttemptResult.FAILED)
                .count());
    }

    private double share(long count) {
        return outcomes.isEmpty() ? 0 : (double) count / outcomes.size();
    }
}
