package dev.handoff.engine;

import static dev.handoff.api.HandoffReportEntries.RESULT;
import static dev.handoff.engine.EngineRuns.containerId;
import static dev.handoff.engine.EngineRuns.run;
import static dev.handoff.engine.EngineRuns.testId;
import static dev.handoff.engine.EngineRuns.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.handoff.api.AttemptFailedException;
import dev.handoff.api.SoftFailureException;
import dev.handoff.engine.fixtures.SoftSuite;
import org.junit.jupiter.api.Test;

class SoftFailureTests {

    @Test
    void softFailureAnnotationReportsTheFailureWithoutFailing() {
        var results = run(SoftSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                testId("annotatedSoft"),
                                abortedWithReason(
                                        instanceOf(SoftFailureException.class),
                                        message("soft failure: latency above budget"),
                                        cause(instanceOf(AssertionError.class)))));
        assertThat(values(results, "annotatedSoft", RESULT)).containsExactly("soft-failed");
    }

    @Test
    void softFailureCalledInTheTestMakesItsFailureSoft() {
        var results = run(SoftSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                testId("markedSoftInTest"),
                                abortedWithReason(
                                        instanceOf(SoftFailureException.class),
                                        message("soft failure: cache not warm yet"))));
    }

    @Test
    void softTestIsRetriedBeforeItsFailureCountsAsSoft() {
        var results = run(SoftSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                testId("softAfterRetries()]"),
                                abortedWithReason(instanceOf(AttemptFailedException.class))))
                .haveExactly(
                        1,
                        event(
                                testId("softAfterRetries()]/[attempt:2]"),
                                abortedWithReason(instanceOf(SoftFailureException.class))));
    }

    @Test
    void passingSoftTestPasses() {
        var results = run(SoftSuite.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(testId("softButPassing"), finishedSuccessfully()));
    }

    @Test
    void softFailuresDoNotFailTheSuiteOrAnyTest() {
        var results = run(SoftSuite.class);

        results.testEvents()
                .assertStatistics(stats -> stats.failed(0).succeeded(1).aborted(4));
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(1, event(containerId("SoftSuite"), finishedSuccessfully()));
    }
}
