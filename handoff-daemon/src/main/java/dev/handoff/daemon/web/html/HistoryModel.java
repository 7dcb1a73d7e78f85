package dev.handoff.daemon.web.html;

import dev.handoff.daemon.model.QuarantineEvent;
import dev.handoff.daemon.model.TestOutcome;
import dev.handoff.daemon.model.TestOutcomes;
import dev.handoff.daemon.model.TestRunOutcome;
import dev.handoff.daemon.model.TestStability;
import java.util.List;
import java.util.Optional;

/**
 * A test's history across runs ({@code /suites/{suite}/tests/{test}}): how it ended in each of
 * the suite's recent runs that ran it. Its rates come from {@link TestOutcomes}, as the API's do.
 */
public record HistoryModel(
        String suite,
        String test,
        TestOutcomes history,
        Optional<TestStability> stability,
        List<QuarantineEvent> audit) {

    public HistoryModel(
            String suite, String test, TestOutcomes history, TestStability stability, List<QuarantineEvent> audit) {
        this(suite, test, history, Optional.of(stability), audit);
    }

    /** Without stability (a page that only shows the outcomes). */
    public HistoryModel(String suite, String test, TestOutcomes history) {
        this(suite, test, history, Optional.empty(), List.of());
    }

    /** The stability's result strip, oldest first. */
    public List<TestRunOutcome> strip() {
        return stability.map(s -> s.outcomes().reversed()).orElse(List.of());
    }

    public String quarantineUrl() {
        return dev.handoff.daemon.web.Paths.quarantine(suite, test);
    }

    public String liftUrl() {
        return dev.handoff.daemon.web.Paths.liftQuarantine(suite, test);
    }

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
