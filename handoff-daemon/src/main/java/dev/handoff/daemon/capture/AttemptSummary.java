package dev.handoff.daemon.capture;

import static dev.handoff.api.HandoffReportEntries.ATTEMPT;
import static dev.handoff.api.HandoffReportEntries.FLAKY;
import static dev.handoff.api.HandoffReportEntries.MAX_ATTEMPTS;
import static dev.handoff.api.HandoffReportEntries.RESULT;
import static dev.handoff.api.HandoffReportEntries.TEST;
import static dev.handoff.api.HandoffReportEntries.TRACE_ID;
import static dev.handoff.api.HandoffReportEntries.TRACE_SPAN_ID;

import dev.handoff.api.AttemptFailedException;
import dev.handoff.api.SoftFailureException;
import dev.handoff.api.internal.TestNames;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.RunningTest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Which attempt of which test an identifier stands for, and how it ended: read from the summary
 * entry the engine publishes just before an attempt finishes, or, for a test that ends without one
 * (skipped before it ran), worked out from the identifier itself.
 */
record AttemptSummary(
        String test,
        int attempt,
        int maxAttempts,
        AttemptResult result,
        boolean flaky,
        Optional<String> traceId,
        Optional<String> traceSpanId) {

    AttemptSummary(String test, int attempt, int maxAttempts, AttemptResult result, boolean flaky) {
        this(test, attempt, maxAttempts, result, flaky, Optional.empty(), Optional.empty());
    }

    /** The last segment type of a later attempt's unique id: {@code .../[method:x()]/[attempt:2]}. */
    private static final String ATTEMPT_SEGMENT = "attempt";

    /**
     * The summary in a report entry; empty when the entry is something else (a log, a span), or
     * holds a result this daemon does not know (a newer engine): the attempt's platform result then
     * decides, as for a test without a summary.
     */
    static Optional<AttemptSummary> from(Map<String, String> entry) {
        if (!entry.containsKey(TEST)) {
            return Optional.empty();
        }
        return AttemptResult.fromLabel(entry.getOrDefault(RESULT, "")).map(result -> {
            int attempt = Integer.parseInt(entry.getOrDefault(ATTEMPT, "1"));
            int maxAttempts = Integer.parseInt(entry.getOrDefault(MAX_ATTEMPTS, Integer.toString(attempt)));
            return new AttemptSummary(
                    entry.get(TEST),
                    attempt,
                    maxAttempts,
                    result,
                    Boolean.parseBoolean(entry.get(FLAKY)),
                    Optional.ofNullable(entry.get(TRACE_ID)).filter(id -> id.matches("[0-9a-f]{32}")),
                    Optional.ofNullable(entry.get(TRACE_SPAN_ID)).filter(id -> id.matches("[0-9a-f]{16}")));
        });
    }

    /** A test skipped before it ran: no attempt of it follows in this run. */
    static AttemptSummary skipped(TestIdentifier identifier) {
        int attempt = attemptNumber(identifier.getUniqueIdObject());
        return new AttemptSummary(testName(identifier), attempt, attempt, AttemptResult.SKIPPED, false);
    }

    /** A test that finished without a (known) summary entry: its platform result says what it can. */
    static AttemptSummary finished(TestIdentifier identifier, TestExecutionResult result) {
        int attempt = attemptNumber(identifier.getUniqueIdObject());
        Throwable throwable = result.getThrowable().orElse(null);
        AttemptResult attemptResult = switch (result.getStatus()) {
            case SUCCESSFUL -> AttemptResult.PASSED;
            case FAILED -> AttemptResult.FAILED;
            case ABORTED ->
                throwable instanceof AttemptFailedException
                        ? AttemptResult.RETRYING
                        : throwable instanceof SoftFailureException ? AttemptResult.SOFT_FAILED : AttemptResult.SKIPPED;
        };
        return new AttemptSummary(testName(identifier), attempt, attempt, attemptResult, false);
    }

    /** A test that started and has not finished: which attempt of which test, since {@code start}. */
    static RunningTest running(TestIdentifier identifier, Instant start) {
        return new RunningTest(testName(identifier), attemptNumber(identifier.getUniqueIdObject()), start);
    }

    private static String testName(TestIdentifier identifier) {
        if (identifier.getSource().orElse(null) instanceof MethodSource source) {
            return TestNames.testName(source.getJavaClass(), source.getJavaMethod());
        }
        return identifier.getDisplayName();
    }

    private static int attemptNumber(UniqueId id) {
        UniqueId.Segment last = id.getLastSegment();
        return last.getType().equals(ATTEMPT_SEGMENT) ? Integer.parseInt(last.getValue()) : 1;
    }
}
