package dev.handoff.daemon.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import org.apiguardian.api.API;

/** Where a suite run stands: waiting, running, or how it ended. */
@API(status = API.Status.EXPERIMENTAL)
public enum RunResult {
    PENDING("pending"),
    RUNNING("running"),
    PASSED("passed"),
    /** Passed, but some test passed only after a failed attempt. */
    FLAKY("flaky"),
    FAILED("failed"),
    /** Stopped on request before it ended by itself. */
    CANCELLED("cancelled");

    private final String label;

    RunResult(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isFinished() {
        return this != PENDING && this != RUNNING;
    }

    public static Optional<RunResult> fromLabel(String label) {
        return Arrays.stream(values()).filter(r -> r.label.equals(label)).findFirst();
    }

    /**
     * A finished run's result, from each test's latest attempt: failed when some test's latest
     * attempt failed (soft failures do not count) or when the suite itself failed (setup, teardown,
     * suite timeout); otherwise flaky when some test passed after a failed attempt; else passed.
     */
    public static RunResult of(Collection<TestSummary> tests, boolean suiteFailed) {
        if (suiteFailed || tests.stream().anyMatch(t -> t.latest().result() == AttemptResult.FAILED)) {
            return FAILED;
        }
        return tests.stream().anyMatch(TestSummary::flaky) ? FLAKY : PASSED;
    }
}
