package dev.handoff.engine;

import static dev.handoff.engine.EngineRuns.containerId;
import static dev.handoff.engine.EngineRuns.run;
import static dev.handoff.engine.EngineRuns.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.handoff.engine.fixtures.BadTimeoutSuite;
import dev.handoff.engine.fixtures.StubbornSuite;
import dev.handoff.engine.fixtures.SuiteTimeoutSuite;
import dev.handoff.engine.fixtures.TimeoutSuite;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class TimeoutTests {

    @Test
    void timeoutAnnotationInterruptsAHungTest() {
        var results = run(TimeoutSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                testId("sleepsTooLong"),
                                finishedWithFailure(
                                        instanceOf(TimeoutException.class),
                                        message("sleepsTooLong() timed out after 1 second"))))
                .haveExactly(1, event(testId("fast"), finishedSuccessfully()));
    }

    @Test
    void timeoutAnnotationFreesATestStuckInIo() {
        long start = System.nanoTime();

        var results = run(TimeoutSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                testId("stuckInIo"),
                                finishedWithFailure(
                                        instanceOf(TimeoutException.class),
                                        message("stuckInIo() timed out after 1 second"))));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void suiteTimeoutFailsTheRunningTestAndEveryTestLeft() {
        var results = run(SuiteTimeoutSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(testId("quick"), finishedSuccessfully()))
                .haveExactly(
                        1,
                        event(
                                testId("hangs"),
                                finishedWithFailure(
                                        instanceOf(TimeoutException.class), message("suite timeout 1s exceeded"))))
                .haveExactly(
                        1,
                        event(
                                testId("neverReached"),
                                finishedWithFailure(
                                        instanceOf(TimeoutException.class), message("suite timeout 1s exceeded"))));
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                containerId("SuiteTimeoutSuite"),
                                finishedWithFailure(message("suite timeout 1s exceeded"))));
    }

    @Test
    void testIgnoringInterruptionCannotHoldTheRunPastTimeoutAndGrace() {
        StubbornSuite.release = false;
        long start = System.nanoTime();
        try {
            var results = run(Map.of("handoff.timeout.grace", "500ms"), selectClass(StubbornSuite.class));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            results.testEvents()
                    .assertThatEvents()
                    .haveExactly(
                            1,
                            event(
                                    testId("ignoresInterrupts"),
                                    finishedWithFailure(message("suite timeout 1s exceeded"))))
                    .haveExactly(
                            1,
                            event(
                                    testId("afterTheStubbornOne"),
                                    finishedWithFailure(message("suite timeout 1s exceeded"))));
            results.allEvents().assertStatistics(stats -> stats.started(4).finished(4));
        } finally {
            StubbornSuite.release = true;
        }
    }

    @Test
    void unreadableSuiteTimeoutFailsTheSuiteWithTheAcceptedForms() {
        var results = run(BadTimeoutSuite.class);

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                containerId("BadTimeoutSuite"),
                                finishedWithFailure(
                                        message(
                                                "@HandoffSuite on dev.handoff.engine.fixtures.BadTimeoutSuite: timeout: '5 minutes' is not a duration: use forms like 500ms, 30s, 5m, 1h30m or ISO-8601 PT2M"))));
        results.testEvents().assertStatistics(stats -> stats.started(0).skipped(1));
    }
}
