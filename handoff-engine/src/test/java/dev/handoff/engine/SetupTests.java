package dev.handoff.engine;

import static dev.handoff.engine.EngineRuns.containerId;
import static dev.handoff.engine.EngineRuns.run;
import static dev.handoff.engine.EngineRuns.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.handoff.engine.fixtures.SetupFailureSuite;
import dev.handoff.engine.fixtures.TeardownFailureSuite;
import org.junit.jupiter.api.Test;

class SetupTests {

    @Test
    void failingSetupSkipsEveryTestWithTheReason() {
        var results = run(SetupFailureSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(testId("one"), skippedWithReason("suite setup failed: database unreachable")))
                .haveExactly(1, event(testId("two"), skippedWithReason("suite setup failed: database unreachable")));
        results.testEvents().assertStatistics(stats -> stats.skipped(2).started(0));
    }

    @Test
    void failingSetupFailsTheSuite() {
        var results = run(SetupFailureSuite.class);

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                containerId("SetupFailureSuite"),
                                finishedWithFailure(
                                        instanceOf(IllegalStateException.class), message("database unreachable"))));
    }

    @Test
    void teardownRunsAfterFailingSetup() {
        SetupFailureSuite.TEARDOWN_RAN.set(false);

        run(SetupFailureSuite.class);

        assertThat(SetupFailureSuite.TEARDOWN_RAN).isTrue();
    }

    @Test
    void failingTeardownFailsTheSuiteButNotItsTests() {
        var results = run(TeardownFailureSuite.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(testId("works"), finishedSuccessfully()));
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                containerId("TeardownFailureSuite"),
                                finishedWithFailure(message("could not delete tenant"))));
    }
}
