package dev.handoff.engine;

import static dev.handoff.api.HandoffReportEntries.TEST;
import static dev.handoff.engine.EngineRuns.run;
import static dev.handoff.engine.EngineRuns.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;

import dev.handoff.engine.fixtures.OverloadedSuite;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tests are told apart by their JUnit unique id; names stay bare unless a method name is ambiguous. */
class TestIdentityTests {

    @BeforeEach
    void clear() {
        OverloadedSuite.NAMES.clear();
    }

    @Test
    void overloadedTestMethodsAreTwoTestsNamedWithTheirParameterTypes() {
        var results = run(OverloadedSuite.class);

        assertThat(values(results, "OverloadedSuite", TEST))
                .containsExactlyInAnyOrder("parse()", "parse(String, HandoffContext)", "format");
    }

    @Test
    void handoffContextTellsOverloadedTestsApart() {
        run(OverloadedSuite.class);

        assertThat(OverloadedSuite.NAMES)
                .containsExactlyInAnyOrder("parse()", "parse(String, HandoffContext)", "format");
    }

    @Test
    void theFilterTellsOverloadedTestsApart() {
        var results = run(Map.of("handoff.filter", "^parse\\(\\)$"), selectClass(OverloadedSuite.class));

        assertThat(OverloadedSuite.NAMES).containsExactly("parse()");
        results.allEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                EngineRuns.containerId("[test-template:parse(java.lang.String"),
                                skippedWithReason("not selected by filter '^parse\\(\\)$'")));
    }
}
