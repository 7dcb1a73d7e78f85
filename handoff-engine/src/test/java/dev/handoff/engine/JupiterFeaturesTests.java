package dev.handoff.engine;

import static dev.handoff.engine.EngineRuns.containerId;
import static dev.handoff.engine.EngineRuns.run;
import static dev.handoff.engine.EngineRuns.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.handoff.api.AttemptFailedException;
import dev.handoff.engine.fixtures.JupiterFeaturesSuite;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestTag;
import org.opentest4j.TestAbortedException;

class JupiterFeaturesTests {

    @Test
    void failingParameterizedInvocationRetriesTheWholeTemplate() {
        var results = run(JupiterFeaturesSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                testId("positive"),
                                displayName("[3] 3"),
                                abortedWithReason(instanceOf(AttemptFailedException.class))))
                .haveExactly(3, event(testId("[attempt:2]/[test-template-invocation:#"), finishedSuccessfully()));
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                containerId("positive(int, dev.handoff.api.HandoffContext)]/[attempt:2]"),
                                displayName("positive(int, HandoffContext) (attempt 2)"),
                                finishedSuccessfully()));
    }

    @Test
    void repeatedAndDynamicTestsRunAsUnderJupiter() {
        var results = run(JupiterFeaturesSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(2, event(testId("repeated"), finishedSuccessfully()))
                .haveExactly(1, event(testId("dynamic"), displayName("a"), finishedSuccessfully()))
                .haveExactly(1, event(testId("dynamic"), displayName("b"), finishedSuccessfully()));
    }

    @Test
    void disabledTestIsSkippedWithItsReason() {
        var results = run(JupiterFeaturesSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(testId("disabled"), skippedWithReason("waiting for the payments sandbox")));
    }

    @Test
    void failedAssumptionSkipsTheTestWithoutRetry() {
        var results = run(JupiterFeaturesSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                testId("assumption"),
                                abortedWithReason(
                                        instanceOf(TestAbortedException.class),
                                        message("Assumption failed: only on staging"))))
                .noneMatch(e -> EngineRuns.id(e).contains("assumption()]/[attempt"));
    }

    @Test
    void displayNamesTagsAndTempDirsWork() {
        var results = run(JupiterFeaturesSuite.class);

        var named = results.testEvents().finished().stream()
                .filter(e -> EngineRuns.id(e).contains("named"))
                .findFirst()
                .orElseThrow();
        assertThat(named.getTestDescriptor().getDisplayName()).isEqualTo("has a friendly name");
        assertThat(named.getTestDescriptor().getTags())
                .containsExactlyInAnyOrder(TestTag.create("smoke"), TestTag.create("e2e"));
        assertThat(named.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .orElseThrow()
                        .getStatus())
                .isEqualTo(org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void nestedClassesRunTheirTestsWithNestedNames() {
        var results = run(JupiterFeaturesSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(testId("[nested-class:Checkout]/[method:pays("), finishedSuccessfully()));
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(1, event(containerId("[nested-class:Checkout]"), finishedSuccessfully()));
    }
}
