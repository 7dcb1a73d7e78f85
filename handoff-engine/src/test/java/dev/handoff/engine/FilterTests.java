package dev.handoff.engine;

import static dev.handoff.engine.EngineRuns.containerId;
import static dev.handoff.engine.EngineRuns.run;
import static dev.handoff.engine.EngineRuns.testId;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.handoff.engine.fixtures.JupiterFeaturesSuite;
import dev.handoff.engine.fixtures.PassingSuite;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterTests {

    @Test
    void testsNotMatchingTheFilterAreSkipped() {
        var results = run(Map.of("handoff.filter", "^fir"), selectClass(PassingSuite.class));

        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(testId("first"), finishedSuccessfully()))
                .haveExactly(1, event(testId("second"), skippedWithReason("not selected by filter '^fir'")));
    }

    @Test
    void filterMatchesNestedTestsByTheirFullName() {
        var results = run(Map.of("handoff.filter", "Checkout/"), selectClass(JupiterFeaturesSuite.class));

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(testId("pays"), finishedSuccessfully()));
    }

    @Test
    void invalidFilterFailsTheSuiteNamingTheProblem() {
        var results = run(Map.of("handoff.filter", "("), selectClass(PassingSuite.class));

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                containerId("PassingSuite"),
                                finishedWithFailure(
                                        message(
                                                "handoff.filter '(' is not a valid regular expression: Unclosed group near index 1"))));
        results.testEvents().assertStatistics(stats -> stats.started(0).skipped(2));
    }
}
