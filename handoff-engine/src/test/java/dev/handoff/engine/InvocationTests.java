package dev.handoff.engine;

import static dev.handoff.api.HandoffReportEntries.INVOCATION;
import static dev.handoff.api.HandoffReportEntries.INVOCATION_END;
import static dev.handoff.api.HandoffReportEntries.INVOCATION_FAILURE;
import static dev.handoff.api.HandoffReportEntries.INVOCATION_LOG;
import static dev.handoff.api.HandoffReportEntries.INVOCATION_RESULT;
import static dev.handoff.api.HandoffReportEntries.INVOCATION_START;
import static dev.handoff.api.HandoffReportEntries.LOG;
import static dev.handoff.api.HandoffReportEntries.RESULT;
import static dev.handoff.engine.EngineRuns.run;
import static dev.handoff.engine.EngineRuns.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;

import dev.handoff.engine.fixtures.InvocationsSuite;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Each invocation of a parameterized, repeated or dynamic test is reported on its attempt, with its own result and output. */
class InvocationTests {

    private static final String SUITE = "[engine:handoff]/[suite:" + InvocationsSuite.class.getName() + "]";
    private static final String VALUES =
            SUITE + "/[test-template:values(java.lang.String, dev.handoff.api.HandoffContext)]";
    private static final String VALUES_ATTEMPT_2 = VALUES + "/[attempt:2]";
    private static final String REPEATED = SUITE + "/[test-template:repeated(org.junit.jupiter.api.RepetitionInfo)]";
    private static final String FACTORY = SUITE + "/[test-factory:factory()]";

    @Test
    void eachInvocationIsReportedOnItsAttemptWithItsResult() {
        var results = run(InvocationsSuite.class);

        assertThat(invocations(results, VALUES))
                .extracting(i -> i.get(INVOCATION) + " " + i.get(INVOCATION_RESULT))
                .containsExactly("[1] a passed", "[2] b failed", "[3] c passed");
        assertThat(invocations(results, VALUES_ATTEMPT_2))
                .extracting(i -> i.get(INVOCATION) + " " + i.get(INVOCATION_RESULT))
                .containsExactly("[1] a passed", "[2] b passed", "[3] c passed");
    }

    @Test
    void aFailedInvocationCarriesItsFailureAndItsAttemptIsRetried() {
        var results = run(InvocationsSuite.class);

        assertThat(invocations(results, VALUES))
                .filteredOn(i -> i.get(INVOCATION).equals("[2] b"))
                .singleElement()
                .satisfies(i -> assertThat(i).containsEntry(INVOCATION_FAILURE, "b is bad on attempt 1"));
        assertThat(invocations(results, VALUES))
                .filteredOn(i -> i.get(INVOCATION).equals("[1] a"))
                .singleElement()
                .satisfies(i -> assertThat(i).doesNotContainKey(INVOCATION_FAILURE));
        assertThat(summaryResult(results, VALUES)).isEqualTo("retrying");
        assertThat(summaryResult(results, VALUES_ATTEMPT_2)).isEqualTo("passed");
    }

    @Test
    void eachInvocationHasItsOwnOutputAndDuration() {
        var results = run(InvocationsSuite.class);

        Map<String, String> b = invocations(results, VALUES_ATTEMPT_2).get(1);
        assertThat(b.get(INVOCATION_LOG))
                .contains(" stdout before each\n", " stdout value b attempt 2\n", " log logged b\n")
                .doesNotContain("value a", "value c");
        assertThat(Instant.parse(b.get(INVOCATION_END))).isAfterOrEqualTo(Instant.parse(b.get(INVOCATION_START)));
    }

    @Test
    void theAttemptLogHoldsEveryInvocationsLinesInOrder() {
        var results = run(InvocationsSuite.class);

        assertThat(log(results, VALUES_ATTEMPT_2))
                .containsSubsequence(
                        "value a attempt 2", "logged a", "value b attempt 2", "logged b", "value c attempt 2");
        assertThat(log(results, REPEATED)).containsSubsequence("repetition 1", "repetition 2");
    }

    @Test
    void repeatedAndDynamicTestsReportTheirInvocations() {
        var results = run(InvocationsSuite.class);

        assertThat(invocations(results, REPEATED))
                .extracting(i -> i.get(INVOCATION) + " " + i.get(INVOCATION_RESULT))
                .containsExactly("repetition 1 of 2 passed", "repetition 2 of 2 passed");
        assertThat(invocations(results, FACTORY))
                .extracting(i -> i.get(INVOCATION) + " " + i.get(INVOCATION_RESULT))
                .containsExactly("x passed", "y passed");
        assertThat(invocations(results, FACTORY).get(1).get(INVOCATION_LOG))
                .contains("dynamic y")
                .doesNotContain("dynamic x");
    }

    @Test
    void aFactorysBeforeEachLinesAreItsAttemptsNotTheSuiteSetupLog() {
        var results = run(InvocationsSuite.class);

        assertThat(log(results, FACTORY)).contains("before each", "dynamic x", "dynamic y");
        assertThat(log(results, SUITE)).contains("suite setup").doesNotContain("before each", "dynamic");
    }

    @Test
    void invocationsStillRunAsTestsForBuildTools() {
        var results = run(InvocationsSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                testId("[attempt:2]/[test-template-invocation:#2]"),
                                displayName("[2] b"),
                                finishedSuccessfully()))
                .haveExactly(1, event(testId("[dynamic-test:#2]"), displayName("y"), finishedSuccessfully()));
    }

    /** Entries published on exactly the descriptor {@code id}, in order. */
    private static List<Map<String, String>> entriesOn(EngineExecutionResults results, String id) {
        return results.allEvents().reportingEntryPublished().stream()
                .filter(e -> e.getTestDescriptor().getUniqueId().toString().equals(id))
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .toList();
    }

    private static List<Map<String, String>> invocations(EngineExecutionResults results, String id) {
        return entriesOn(results, id).stream()
                .filter(e -> e.containsKey(INVOCATION))
                .toList();
    }

    private static String summaryResult(EngineExecutionResults results, String id) {
        return entriesOn(results, id).stream()
                .filter(e -> e.containsKey(RESULT))
                .map(e -> e.get(RESULT))
                .findFirst()
                .orElseThrow();
    }

    private static String log(EngineExecutionResults results, String id) {
        return String.join(
                "",
                entriesOn(results, id).stream()
                        .filter(e -> e.containsKey(LOG))
                        .map(e -> e.get(LOG))
                        .toList());
    }
}
