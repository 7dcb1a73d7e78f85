package dev.handoff.engine;

import static dev.handoff.api.HandoffReportEntries.SUITE;
import static dev.handoff.api.HandoffReportEntries.TEST;
import static dev.handoff.engine.EngineRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.engine.fixtures.AbstractBaseSuite;
import dev.handoff.engine.fixtures.ConcreteOfAbstractSuite;
import dev.handoff.engine.fixtures.NamedBaseSuite;
import dev.handoff.engine.fixtures.SubOfNamedBaseSuite;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.reporting.ReportEntry;

/** How {@code @HandoffSuite} is inherited: an abstract class is never a suite, a concrete subclass is its own suite with its own name. */
class SuiteInheritanceTests {

    @Test
    void anAbstractClassIsNeverASuite() {
        var results = run(AbstractBaseSuite.class);

        assertThat(results.containerEvents().started().count()).isEqualTo(1); // the engine alone
    }

    @Test
    void aConcreteSubclassOfASuiteIsASuiteNamedByItsSimpleName() {
        var results = run(NamedBaseSuite.class, SubOfNamedBaseSuite.class);

        assertThat(suiteNames(results)).containsExactlyInAnyOrder("named-base", "SubOfNamedBaseSuite");
    }

    @Test
    void aSubclassKeepsTheBaseSuitesOtherSettings() {
        var results = run(SubOfNamedBaseSuite.class);

        assertThat(results.allEvents().reportingEntryPublished().stream()
                        .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                        .filter(m -> m.containsKey(TEST)))
                .singleElement()
                .satisfies(m ->
                        assertThat(m).containsEntry("handoff.maxAttempts", "2").containsEntry(TEST, "inherited"));
    }

    @Test
    void aNameTheSubclassDeclaresIsItsOwn() {
        var results = run(ConcreteOfAbstractSuite.class);

        assertThat(suiteNames(results)).containsExactly("concrete");
        assertThat(results.containerEvents().started().stream()
                        .map(e -> e.getTestDescriptor())
                        .filter(d -> d.getUniqueId().getSegments().size() == 2)
                        .map(TestDescriptor::getDisplayName))
                .containsExactly("concrete");
    }

    private static java.util.List<String> suiteNames(org.junit.platform.testkit.engine.EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .filter(m -> m.containsKey(TEST))
                .map((Map<String, String> m) -> m.get(SUITE))
                .distinct()
                .toList();
    }
}
