package dev.handoff.engine.internal;

import dev.handoff.api.AttemptFailedException;
import dev.handoff.api.SoftFailureException;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;

/**
 * What listeners get for a finished test: its platform result and the {@code handoff.result}
 * outcome. A failure inside a unit becomes a retry or a soft failure ({@code ABORTED}, so that
 * build tools do not fail the build for it), a failure with the suite timeout's reason, or stays a
 * plain failure.
 */
record Reported(TestExecutionResult result, String outcome) {

    static Reported asIs(TestExecutionResult result) {
        return new Reported(
                result,
                switch (result.getStatus()) {
                    case SUCCESSFUL -> "passed";
                    case ABORTED -> "skipped";
                    case FAILED -> "failed";
                });
    }

    /** The verdict on {@code d} (the unit or a test inside it) that ended with {@code result}; a test that ends after a stop fails with its reason. */
    static Reported judge(Unit unit, TestDescriptor d, TestExecutionResult result, String stopReason) {
        boolean endedAfterStop =
                stopReason != null && d.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
        if (result.getStatus() != TestExecutionResult.Status.FAILED && !endedAfterStop) {
            return asIs(result);
        }
        Throwable failure = result.getThrowable().orElse(null);
        return switch (unit.failed(stopReason != null)) {
            case RETRY ->
                new Reported(
                        TestExecutionResult.aborted(
                                new AttemptFailedException(unit.attempt, unit.maxAttempts, failure)),
                        "retrying");
            case SOFT ->
                new Reported(
                        TestExecutionResult.aborted(
                                new SoftFailureException("soft failure: " + ExecutionState.describe(failure), failure)),
                        "soft-failed");
            case STOPPED ->
                new Reported(TestExecutionResult.failed(ExecutionState.timeout(stopReason, failure)), "failed");
            case FAIL -> new Reported(result, "failed");
        };
    }

    /** The worse of two results of one container in different rounds; later failures are suppressed into the first. */
    static TestExecutionResult worse(TestExecutionResult earlier, TestExecutionResult later) {
        if (earlier == null) {
            return later;
        }
        if (later.getStatus().ordinal() > earlier.getStatus().ordinal()) {
            earlier.getThrowable().ifPresent(t -> later.getThrowable().ifPresent(l -> l.addSuppressed(t)));
            return later;
        }
        later.getThrowable().ifPresent(l -> earlier.getThrowable().ifPresent(t -> t.addSuppressed(l)));
        return earlier;
    }
}
