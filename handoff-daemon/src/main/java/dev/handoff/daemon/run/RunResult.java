package dev.handoff.daemon.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where a suite run stands: waiting, running, or how it ended. */
public enum RunResult {
    PENDING("pending"),
    RUNNING("running"),
    PASSED("passed"),
    /** Passed, but some test passed only after a failed attempt. */
    FLAKY("flaky"),
    FAILED("failed");

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

    /**
     * A finished run's result. A test's outcome is its last attempt's: the run failed when some
     * test's last attempt failed (soft failures do not count) or when the suite itself failed (setup,
     * teardown, suite timeout); otherwise it is flaky when some test passed after a failed attempt.
     */
    public static RunResult of(List<Attempt> attempts, boolean suiteFailed) {
        if (suiteFailed) {
            return FAILED;
        }
        Map<String, Attempt> last = new LinkedHashMap<>();
        Map<String, Boolean> failedBefore = new LinkedHashMap<>();
        for (Attempt attempt : attempts) {
            Attempt previous = last.get(attempt.test());
            if (previous == null || attempt.number() >= previous.number()) {
                last.put(attempt.test(), attempt);
            }
            failedBefore.merge(attempt.test(), attempt.result().isFailure(), Boolean::logicalOr);
        }
        if (last.values().stream().anyMatch(a -> a.result() == AttemptResult.FAILED)) {
            return FAILED;
        }
        boolean flaky = last.values().stream()
                .anyMatch(a -> a.result() == AttemptResult.PASSED && failedBefore.get(a.test()));
        return flaky ? FLAKY : PASSED;
    }
}
