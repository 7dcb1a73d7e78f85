package dev.handoff.compat;

import static org.assertj.core.api.Assertions.allOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.handoff.api.AttemptFailedException;
import dev.handoff.api.SoftFailureException;
import dev.handoff.compat.fixtures.CompatSuite;
import dev.handoff.compat.fixtures.SlowSuite;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventConditions;

/** The engine is compiled against JUnit 5.14; these run it on the JUnit 6 platform. */
class JUnit6CompatibilityTests {

    @Test
    void runsOnTheJUnit6Platform() {
        assertThat(TestEngine.class.getPackage().getImplementationVersion()).startsWith("6.");
    }

    @Test
    void attemptsSoftFailuresAndTimeoutsWork() {
        var results = EngineTestKit.engine("handoff")
                .selectors(selectClass(CompatSuite.class))
                .execute();

        results.testEvents()
                .assertThatEvents()
                .haveExactly(
                        1, event(testId("[method:flaky("), abortedWithReason(instanceOf(AttemptFailedException.class))))
                .haveExactly(
                        1,
                        event(
                                testId("[method:flaky(dev.handoff.api.HandoffContext)]/[attempt:2]"),
                                finishedSuccessfully()))
                .haveExactly(
                        1,
                        event(
                                testId("[method:soft(dev.handoff.api.HandoffContext)]/[attempt:2]"),
                                abortedWithReason(
                                        instanceOf(SoftFailureException.class),
                                        message("soft failure: soft on attempt 2"))))
                .haveExactly(
                        1,
                        event(
                                testId("[method:hangsOnce(dev.handoff.api.HandoffContext)]/[attempt:2]"),
                                finishedSuccessfully()));
    }

    @Test
    void suiteTimeoutWorks() {
        var results = EngineTestKit.engine("handoff")
                .selectors(selectClass(SlowSuite.class))
                .execute();

        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(testId("hangs"), finishedWithFailure(message("suite timeout 1s exceeded"))));
    }

    private static Condition<Event> testId(String part) {
        return allOf(
                EventConditions.test(),
                new Condition<>(
                        e -> e.getTestDescriptor().getUniqueId().toString().contains(part), "id with %s", part));
    }
}
