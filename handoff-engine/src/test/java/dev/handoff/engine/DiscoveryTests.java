package dev.handoff.engine;

import static dev.handoff.engine.EngineRuns.run;
import static dev.handoff.engine.EngineRuns.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.test;

import dev.handoff.engine.fixtures.FlakySuite;
import dev.handoff.engine.fixtures.HierarchyCycleSuite;
import dev.handoff.engine.fixtures.JupiterFeaturesSuite;
import dev.handoff.engine.fixtures.PassingSuite;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineTestKit;

class DiscoveryTests {

    @Test
    void aNestedSubclassOfItsEnclosingTypeIsDiscoveredAndTheOtherSuitesRun() {
        var results = run(HierarchyCycleSuite.class, PassingSuite.class);

        results.testEvents()
                .assertThatEvents()
                .haveExactly(1, event(test("leafIsANode"), finishedSuccessfully()))
                .haveExactly(1, event(test("second"), finishedSuccessfully()));
    }

    @Test
    void classSelectorFindsTheSuiteAndItsTests() {
        TestDescriptor engine = discover(selectClass(PassingSuite.class));

        assertThat(engine.getChildren()).singleElement().satisfies(suite -> {
            assertThat(suite.getUniqueId())
                    .hasToString("[engine:handoff]/[suite:dev.handoff.engine.fixtures.PassingSuite]");
            assertThat(suite.getDisplayName()).isEqualTo("passing");
            assertThat(suite.getChildren())
                    .extracting(TestDescriptor::getDisplayName)
                    .containsExactlyInAnyOrder("first(HandoffContext)", "second()");
        });
    }

    @Test
    void packageSelectorFindsSuitesButNotPlainJupiterClasses() {
        TestDescriptor engine = discover(selectPackage("dev.handoff.engine.fixtures"));

        assertThat(engine.getChildren())
                .extracting(d -> d.getUniqueId().getLastSegment().getValue())
                .contains("dev.handoff.engine.fixtures.PassingSuite", "dev.handoff.engine.fixtures.FlakySuite")
                .doesNotContain("dev.handoff.engine.fixtures.PlainJupiterFixture");
    }

    @Test
    void classpathRootSelectorFindsSuites() throws Exception {
        Path root = Path.of(PassingSuite.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        TestDescriptor engine = discover(selectClasspathRoots(Set.of(root)).get(0));

        assertThat(engine.getChildren())
                .extracting(TestDescriptor::getDisplayName)
                .contains("passing", "FlakySuite");
    }

    @Test
    void methodSelectorRunsOnlyThatTest() {
        var results = run(Map.of(), selectMethod(FlakySuite.class, "passes"));

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void uniqueIdSelectorRunsThatTest() {
        var results = run(
                Map.of(),
                selectUniqueId("[engine:handoff]/[suite:dev.handoff.engine.fixtures.PassingSuite]/[method:second()]"));

        results.testEvents().assertThatEvents().haveExactly(1, event(testId("second"), finishedSuccessfully()));
        results.testEvents().assertStatistics(stats -> stats.started(1));
    }

    @Test
    void uniqueIdOfALaterAttemptRunsTheTestAfresh() {
        var results = run(
                Map.of(),
                selectUniqueId(
                        "[engine:handoff]/[suite:dev.handoff.engine.fixtures.FlakySuite]/[method:passesOnThirdAttempt(dev.handoff.api.HandoffContext)]/[attempt:3]"));

        results.testEvents()
                .assertStatistics(stats -> stats.started(3).succeeded(1).aborted(2));
    }

    @Test
    void nestedClassSelectorRunsTheNestedTests() {
        var results = run(
                Map.of(),
                selectNestedClass(java.util.List.of(JupiterFeaturesSuite.class), JupiterFeaturesSuite.Checkout.class));

        results.testEvents().assertThatEvents().haveExactly(1, event(testId("pays"), finishedSuccessfully()));
        results.testEvents().assertStatistics(stats -> stats.started(1));
    }

    @Test
    void plainJupiterClassIsNotASuite() {
        TestDescriptor engine = discover(selectClass(dev.handoff.engine.fixtures.PlainJupiterFixture.class));

        assertThat(engine.getChildren()).isEmpty();
    }

    private static TestDescriptor discover(DiscoverySelector selector) {
        return EngineTestKit.engine(HandoffTestEngine.ENGINE_ID)
                .selectors(selector)
                .discover()
                .getEngineDescriptor();
    }
}
