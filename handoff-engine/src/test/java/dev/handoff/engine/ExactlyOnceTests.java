package dev.handoff.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import dev.handoff.engine.fixtures.FlakySuite;
import dev.handoff.engine.fixtures.JupiterFeaturesSuite;
import dev.handoff.engine.fixtures.PassingSuite;
import dev.handoff.engine.fixtures.PlainJupiterFixture;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

/** Under a launcher with both engines (as under Surefire or an IDE), each suite test runs once per attempt. */
class ExactlyOnceTests {

    @Test
    void suiteTestsRunOnlyUnderTheHandoffEngine() {
        List<String> finishedTests =
                runWithBothEngines(PassingSuite.class, FlakySuite.class, JupiterFeaturesSuite.class);

        assertThat(finishedTests).noneMatch(id -> id.startsWith("[engine:junit-jupiter]") && id.contains("Suite"));
        assertThat(finishedTests).filteredOn(id -> id.contains("PassingSuite")).hasSize(2);
        assertThat(finishedTests).filteredOn(id -> id.contains("FlakySuite")).hasSize(8);
    }

    @Test
    void plainJupiterClassesStillRunUnderJupiter() {
        List<String> finishedTests = runWithBothEngines(PassingSuite.class, PlainJupiterFixture.class);

        assertThat(finishedTests)
                .containsOnlyOnce(
                        "[engine:junit-jupiter]/[class:dev.handoff.engine.fixtures.PlainJupiterFixture]/[method:plain()]");
        assertThat(finishedTests)
                .noneMatch(id -> id.startsWith("[engine:handoff]") && id.contains("PlainJupiterFixture"));
    }

    private static List<String> runWithBothEngines(Class<?>... classes) {
        List<String> finished = new CopyOnWriteArrayList<>();
        var discovery = request()
                .selectors(java.util.Arrays.stream(classes)
                        .map(c -> selectClass(c))
                        .toList())
                .build();
        LauncherFactory.create().execute(discovery, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    finished.add(id.getUniqueId());
                }
            }
        });
        return finished;
    }
}
