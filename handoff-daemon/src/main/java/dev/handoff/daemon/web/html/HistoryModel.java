package dev.handoff.daemon.web.html;

import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.TestOutcome;
import java.util.List;

/**
 * A test's history across runs ({@code /suites/{suite}/tests/{test}}): how it ended in each of
 * the suite's recent runs that ran it.
 *
 * @param outcomes newest first
 * @param runs how many of the suite's newest runs were looked at: the window, or fewer when the
 *     suite has had fewer runs
 */
public record HistoryModel(String suite, String test, List<TestOutcome> outcomes, int runs) {

    /** Oldest first, as the sequence reads left to right. */
    public List<TestOutcome> sequence() {
        return outcomes.reversed();
    }

    /** Share of its runs in which it passed only after a failed attempt. */
    public double flakeRate() {
        return outcomes.isEmpty()
                ? 0
                : (double) outcomes.stream().filter(TestOutcome::flaky).count() / outcomes.size();
    }

    /** Share of its runs whose last attempt failed (soft failures do not count). */
    public double failureRate() {
        return outcomes.isEmpty()
                ? 0
                : (double) outcomes.stream()
                                .filter(o -> o.result() == AttemptResult.FAILED)
                                .count()
                        / outcomes.size();
    }
}
