package dev.handoff.engine;

import static dev.handoff.engine.EngineRuns.containerId;
import static dev.handoff.engine.EngineRuns.run;
import static dev.handoff.engine.EngineRuns.testId;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.handoff.api.AttemptFailedException;
import dev.handoff.engine.fixtures.DisabledSuite;
import dev.handoff.engine.fixtures.FlakySuite;
import dev.handoff.engine.fixtures.JupiterFeaturesSuite;
import dev.handoff.engine.fixtures.NestedSetupFailureSuite;
import dev.handoff.engine.fixtures.OutOfMemorySuite;
import dev.handoff.engine.fixtures.OutOfMemoryTimedSuite;
import dev.handoff.engine.fixtures.RetryThenTimeoutSuite;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules a suite's own settings impose on its tests: its timeout also stops a retry, {@code @Disabled}
 * skips every test with the reason, a nested class's failing setup skips only that class, and
 * Jupiter's parallel execution keeps every rule.
 */
class SuiteLevelRulesTests {

    @Test
    void suiteTimeoutDuringARetryFailsThatAttempt() {
        var results = run(RetryThenTimeoutSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                testId("[method:failsThenHangs(dev.handoff.api.HandoffContext)]"),
                                abortedWithReason(instanceOf(AttemptFailedException.class))))
                .haveExactly(
                        1,
                        event(
                                testId("failsThenHangs(dev.handoff.api.HandoffContext)]/[attempt:2]"),
                                finishedWithFailure(message("suite timeout 1s exceeded"))));
        results.testEvents().assertStatistics(stats -> stats.started(2).finished(2));
    }

    @ParameterizedTest
    @ValueSource(classes = {OutOfMemorySuite.class, OutOfMemoryTimedSuite.class})
    void aTestThatRunsOutOfMemoryFailsWithTheErrorAndTheSuiteGoesOnAndFails(Class<?> suite) {
        var results = run(suite);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(testId("[method:before()]"), finishedSuccessfully()))
                .haveExactly(
                        1,
                        event(
                                testId("[method:runsOutOfMemory()]"),
                                finishedWithFailure(instanceOf(OutOfMemoryError.class), message("Java heap space"))))
                .haveExactly(1, event(testId("[method:after()]"), finishedSuccessfully()));
        results.testEvents()
                .assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                containerId(suite.getSimpleName() + "]"),
                                finishedWithFailure(instanceOf(OutOfMemoryError.class))));
    }

    @Test
    void disabledSuiteSkipsItsTestsWithTheReason() {
        var results = run(DisabledSuite.class);

        results.testEvents().assertStatistics(stats -> stats.skipped(2).started(0));
        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(testId("one"), skippedWithReason("staging is being migrated")));
    }

    @Test
    void failingSetupOfANestedClassSkipsOnlyItsTests() {
        var results = run(NestedSetupFailureSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(testId("[method:outer()]"), finishedSuccessfully()))
                .haveExactly(
                        1,
                        event(
                                testId("[method:refunds()]"),
                                skippedWithReason("setup of Payments failed: payments sandbox down")));
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                containerId("[nested-class:Payments]"),
                                finishedWithFailure(message("payments sandbox down"))))
                .haveExactly(1, event(containerId("NestedSetupFailureSuite]"), finishedSuccessfully()));
    }

    @Test
    void jupiterParallelExecutionKeepsEveryRule() {
        Map<String, String> parallel = Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent");

        run(parallel, selectClass(FlakySuite.class))
                .testEvents()
                .assertStatistics(
                        stats -> stats.started(8).succeeded(2).aborted(4).failed(2));
        run(parallel, selectClass(JupiterFeaturesSuite.class))
                .testEvents()
                .assertStatistics(stats -> stats.failed(0).skipped(1));
    }
}
