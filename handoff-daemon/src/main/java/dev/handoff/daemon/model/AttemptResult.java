package dev.handoff.daemon.model;

import java.util.Optional;
import org.apiguardian.api.API;

/** How one attempt of a test ended, in the words of the engine's {@code handoff.result} entry. */
@API(status = API.Status.EXPERIMENTAL)
public enum AttemptResult {
    PASSED("passed"),
    FAILED("failed"),
    /** Failed, but the test is a soft failure: recorded without failing the run. */
    SOFT_FAILED("soft-failed"),
    /** Failed, and the test will run again. */
    RETRYING("retrying"),
    SKIPPED("skipped");

    private static final AttemptResult[] VALUES = values();

    private final String label;

    AttemptResult(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the attempt's code failed, whatever that means for the run. */
    public boolean isFailure() {
        return this == FAILED || this == SOFT_FAILED || this == RETRYING;
    }

    /** A loop rather than a stream: it runs for every attempt recorded and every attempt row read. */
    public static Optional<AttemptResult> fromLabel(String label) {
        for (AttemptResult result : VALUES) {
            if (result.label.equals(label)) {
                return Optional.of(result);
            }
        }
        return Optional.empty();
    }
}
