package dev.handoff.engine;

import static dev.handoff.api.HandoffReportEntries.LOG;
import static dev.handoff.engine.EngineRuns.containerId;
import static dev.handoff.engine.EngineRuns.run;
import static dev.handoff.engine.EngineRuns.testId;
import static dev.handoff.engine.EngineRuns.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.handoff.engine.fixtures.NestedTeardownSuite;
import dev.handoff.engine.fixtures.NestedTimeoutSuite;
import dev.handoff.engine.fixtures.ParamRetrySuite;
import dev.handoff.engine.fixtures.PoolLogSuite;
import dev.handoff.engine.fixtures.RetryTimeoutTwoSuite;
import dev.handoff.engine.fixtures.SetupFailNestedSuite;
import dev.handoff.engine.fixtures.StubbornSuite;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules about what listeners see when retries, nested classes, timeouts and thread pools meet. */
class FeatureInteractionTests {

    @Test
    void everyFixtureSuiteSendsAWellFormedEventSequence() {
        StubbornSuite.release = false;
        try {
            var checker = EventSequenceChecker.run(
                    Map.of("handoff.timeout.grace", "500ms"), selectPackage("dev.handoff.engine.fixtures"));

            assertThat(checker.problems()).isEmpty();
        } finally {
            StubbornSuite.release = true;
        }
    }

    @Test
    void retryStoppedByTheSuiteTimeoutBeforeItStartedFails() {
        var results = run(RetryTimeoutTwoSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                testId("[method:b(dev.handoff.api.HandoffContext)]/[attempt:2]"),
                                finishedWithFailure(message("suite timeout 1s exceeded"))));
    }

    @Test
    void testOfANestedClassStoppedByTheSuiteTimeoutFailsInsideItsClass() {
        var checker = EventSequenceChecker.run(
                Map.of(), org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(NestedTimeoutSuite.class));
        assertThat(checker.problems()).isEmpty();

        run(NestedTimeoutSuite.class)
                .testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                testId("[method:neverReached()]"),
                                finishedWithFailure(message("suite timeout 1s exceeded"))));
    }

    @Test
    void failingTeardownOfANestedClassInARetryRoundFailsTheClass() {
        var results = run(NestedTeardownSuite.class);

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                containerId("[nested-class:Inner]"),
                                finishedWithFailure(message("teardown failed in round 2"))));
    }

    @Test
    void failingSuiteSetupSkipsNestedClassesAsAWhole() {
        var results = run(SetupFailNestedSuite.class);

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1, event(containerId("[nested-class:Inner]"), skippedWithReason("suite setup failed: no env")));
    }

    @Test
    void linesFromAPoolThreadGoToTheTestThatHandedItTheWork() {
        var results = run(PoolLogSuite.class);

        assertThat(values(results, "[method:first(", LOG))
                .singleElement()
                .asString()
                .contains("log first via pool")
                .doesNotContain("second");
        assertThat(values(results, "[method:second(", LOG))
                .singleElement()
                .asString()
                .contains("log second via pool");
    }

    @Test
    void retryOfASelectedInvocationRunsOnlyThatInvocation() {
        ParamRetrySuite.RAN.clear();

        run(
                Map.of(),
                selectUniqueId("[engine:handoff]/[suite:dev.handoff.engine.fixtures.ParamRetrySuite]"
                        + "/[test-template:p(int, dev.handoff.api.HandoffContext)]/[test-template-invocation:#2]"));

        assertThat(ParamRetrySuite.RAN).containsExactly("1:2", "2:2");
    }
}
