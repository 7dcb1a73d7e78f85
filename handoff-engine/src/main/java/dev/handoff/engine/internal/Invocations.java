package dev.handoff.engine.internal;

import static dev.handoff.api.HandoffReportEntries.INVOCATION;
import static dev.handoff.api.HandoffReportEntries.INVOCATION_END;
import static dev.handoff.api.HandoffReportEntries.INVOCATION_FAILURE;
import static dev.handoff.api.HandoffReportEntries.INVOCATION_LOG;
import static dev.handoff.api.HandoffReportEntries.INVOCATION_RESULT;
import static dev.handoff.api.HandoffReportEntries.INVOCATION_START;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * The entry that reports one invocation of a parameterized, repeated or dynamic test on its
 * attempt. Its result is what the invocation itself did (a failed invocation of a test that will
 * be retried is {@code failed}; the attempt says {@code retrying}).
 */
final class Invocations {

    private Invocations() {}

    static ReportEntry entry(String name, TestExecutionResult result, TestOutputs.Ended ended) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(INVOCATION, name);
        entry.put(
                INVOCATION_RESULT,
                switch (result.getStatus()) {
                    case SUCCESSFUL -> "passed";
                    case FAILED -> "failed";
                    case ABORTED -> "skipped";
                });
        entry.put(INVOCATION_START, ended.start().toString());
        entry.put(INVOCATION_END, ended.end().toString());
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            entry.put(
                    INVOCATION_FAILURE,
                    ExecutionState.describe(result.getThrowable().orElse(null)));
        }
        if (!ended.log().isEmpty()) {
            entry.put(INVOCATION_LOG, ended.log());
        }
        return ReportEntry.from(entry);
    }
}
