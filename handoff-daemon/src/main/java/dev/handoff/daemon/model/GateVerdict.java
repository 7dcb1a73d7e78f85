package dev.handoff.daemon.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/** Where a gate stands: waiting for its runs, or its verdict. */
@API(status = API.Status.EXPERIMENTAL)
public enum GateVerdict {
    /** None of its runs has started. */
    PENDING("pending"),
    RUNNING("running"),
    /** Every run passed (or was flaky, unless the gate is strict). */
    PASSED("passed"),
    /** Some run failed or was cancelled (or was flaky, for a strict gate). */
    FAILED("failed"),
    /** The timeout elapsed before every run ended; no run failed until then. */
    TIMED_OUT("timed-out");

    private final String label;

    GateVerdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Passed, failed or timed out: it no longer changes. */
    public boolean isFinal() {
        return this == PASSED || this == FAILED || this == TIMED_OUT;
    }

    public static Optional<GateVerdict> fromLabel(String label) {
        return Arrays.stream(values()).filter(v -> v.label.equals(label)).findFirst();
    }

    /**
     * The verdict over a gate's runs. A failed or cancelled run fails the gate at once, without
     * waiting for the others; so does a flaky run of a strict gate. Soft failures (and quarantined
     * tests, whose failures are soft) never fail a run, so they never fail a gate. The gate passes
     * once all {@code expected} runs ended and none failed; it timed out when the deadline passed
     * before that.
     *
     * @param runs the gate's runs that exist (a run retention removed, or not yet triggered, is
     *     missing and counts as not ended)
     * @param expected how many runs the gate has: one per suite
     */
    public static GateVerdict of(List<SuiteRun> runs, int expected, boolean strict, boolean pastDeadline) {
        boolean failed = runs.stream()
                .map(SuiteRun::result)
                .anyMatch(result -> result == RunResult.FAILED
                        || result == RunResult.CANCELLED
                        || strict && result == RunResult.FLAKY);
        if (failed) {
            return FAILED;
        }
        long ended = runs.stream().filter(run -> run.result().isFinished()).count();
        if (ended == expected) {
            return PASSED;
        }
        if (pastDeadline) {
            return TIMED_OUT;
        }
        return runs.stream().allMatch(run -> run.result() == RunResult.PENDING) ? PENDING : RUNNING;
    }
}
