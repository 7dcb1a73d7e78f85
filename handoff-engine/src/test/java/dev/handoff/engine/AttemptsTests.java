package dev.handoff.engine;

import static dev.handoff.api.HandoffReportEntries.FLAKY;
import static dev.handoff.api.HandoffReportEntries.RESULT;
import static dev.handoff.engine.EngineRuns.containerId;
import static dev.handoff.engine.EngineRuns.run;
import static dev.handoff.engine.EngineRuns.testId;
import static dev.handoff.engine.EngineRuns.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.handoff.api.AttemptFailedException;
import dev.handoff.engine.fixtures.FlakySuite;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttemptsTests {

    @Test
    void failedAttemptIsRetriedUntilTheTestPasses() {
        var results = run(FlakySuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                testId("passesOnThirdAttempt"),
                                displayName("passesOnThirdAttempt(HandoffContext)"),
                                abortedWithReason(
                                        instanceOf(AttemptFailedException.class),
                                        message(m -> m.startsWith("attempt 1 of 3 failed, will retry: [attempt] ")))))
                .haveExactly(
                        1,
                        event(
                                testId("passesOnThirdAttempt(dev.handoff.api.HandoffContext)]/[attempt:2]"),
                                displayName("passesOnThirdAttempt(HandoffContext) (attempt 2)"),
                                abortedWithReason(message(m -> m.startsWith("attempt 2 of 3 failed, will retry")))))
                .haveExactly(
                        1,
                        event(
                                testId("passesOnThirdAttempt(dev.handoff.api.HandoffContext)]/[attempt:3]"),
                                displayName("passesOnThirdAttempt(HandoffContext) (attempt 3)"),
                                finishedSuccessfully()));
    }

    @Test
    void testThatPassedAfterAFailedAttemptIsFlaky() {
        var results = run(FlakySuite.class);

        assertThat(values(results, "passesOnThirdAttempt", RESULT)).containsExactly("retrying", "retrying", "passed");
        assertThat(values(results, "passesOnThirdAttempt", FLAKY)).containsExactly("true");
        assertThat(values(results, "[method:passes()]", FLAKY)).isEmpty();
    }

    @Test
    void outcomeIsTheLastAttempts() {
        var results = run(FlakySuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        2, event(testId("alwaysFails"), abortedWithReason(instanceOf(AttemptFailedException.class))))
                .haveExactly(
                        1,
                        event(
                                testId("alwaysFails(dev.handoff.api.HandoffContext)]/[attempt:3]"),
                                finishedWithFailure(instanceOf(AssertionError.class), message("broken on attempt 3"))));
        assertThat(values(results, "alwaysFails", RESULT)).containsExactly("retrying", "retrying", "failed");
    }

    @Test
    void maxAttemptsOnTheMethodOverridesTheSuite() {
        var results = run(FlakySuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(testId("failsOnceNoRetry"), finishedWithFailure(message("no retry for me"))))
                .noneMatch(e -> EngineRuns.id(e).contains("failsOnceNoRetry()]/[attempt"));
    }

    @Test
    void maxAttemptsParameterOverridesEverything() {
        var results = run(Map.of("handoff.maxAttempts", "1"), selectClass(FlakySuite.class));

        results.testEvents()
                .assertStatistics(
                        stats -> stats.started(4).succeeded(1).failed(3).aborted(0));
    }

    @Test
    void everyRetryRoundRunsSuiteSetupAgain() {
        FlakySuite.SETUPS.set(0);

        run(FlakySuite.class);

        assertThat(FlakySuite.SETUPS).hasValue(3);
    }

    @Test
    void passingTestsRunOnce() {
        var results = run(FlakySuite.class);

        results.testEvents()
                .assertStatistics(
                        stats -> stats.started(8).succeeded(2).aborted(4).failed(2));
    }

    @Test
    void invalidRunNumberFailsTheSuiteNamingIt() {
        var results = run(Map.of("handoff.run.number", "-1"), selectClass(FlakySuite.class));

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                containerId("FlakySuite"),
                                finishedWithFailure(
                                        message("handoff.run.number must be a whole number of at least 0, got '-1'"))));
    }

    @Test
    void invalidMaxAttemptsParameterFailsTheSuiteNamingIt() {
        var results = run(Map.of("handoff.maxAttempts", "zero"), selectClass(FlakySuite.class));

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                containerId("FlakySuite"),
                                finishedWithFailure(message(
                                        "handoff.maxAttempts must be a whole number of at least 1, got 'zero'"))));
        results.testEvents().assertStatistics(stats -> stats.started(0).skipped(4));
    }
}
