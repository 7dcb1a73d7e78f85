package dev.handoff.daemon.web.html;

import dev.handoff.daemon.model.TestOutcome;
import dev.handoff.daemon.model.TestOutcomes;
import java.util.List;

/**
 * A test's history across runs ({@code /suites/{suite}/tests/{test}}): how it ended in each of
 * the suite's recent runs that ran it. Its rates come from {@link TestOutcomes}, as the API's do.
 */
public record HistoryModel(String suite, String test, TestOutcomes history) {

    /** Newest first. */
    public List<TestOutcome> outcomes() {
        return history.outcomes();
    }

    /** How many of the suite's newest runs were looked at: the window, or fewer when the suite has had fewer runs. */
    public int runs() {
        return history.runsLookedAt();
    }

    /** Oldest first, as the sequence reads left to right. */
    public List<TestOutcome> sequence() {
        return outcomes().reversed();
    }

    public double flakeRate() {
        return history.flakeRate();
    }

    public double failureRate() {
        return history.failureRate();
    }
}
