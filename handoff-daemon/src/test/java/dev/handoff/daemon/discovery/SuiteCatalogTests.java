package dev.handoff.daemon.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.handoff.daemon.fixtures.FlakySuite;
import dev.handoff.daemon.fixtures.InheritedBaseSuite;
import dev.handoff.daemon.fixtures.InheritingSuite;
import dev.handoff.daemon.fixtures.MarkupSuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.model.Suite;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuiteCatalogTests {

    @Test
    void classpathDirectoriesHoldEverySuite() {
        SuiteCatalog catalog = SuiteCatalog.fromClasspathDirectories();

        assertThat(catalog.suites())
                .extracting(Suite::name)
                .containsExactly(
                        "BigLogSuite",
                        "DollarSuite",
                        "EuroSuite",
                        "FailingSuite",
                        "FlakyFailingSuite",
                        "FlakySuite",
                        "GateSuite",
                        "GoClientSuite",
                        "HistorySuite",
                        "InheritingSuite",
                        "InvocationFailureSuite",
                        "JournalSuite",
                        "Markup \"'<>& suite",
                        "NestedSetupFailureSuite",
                        "NestedSuite",
                        "NulSuite",
                        "OverlappingSuite",
                        "OverloadedSuite",
                        "ParameterizedSuite",
                        "PassingSuite",
                        "RecoveringSuite",
                        "RetriedSuite",
                        "ScheduledSuite",
                        "SetupFailureSuite",
                        "SlowSuite",
                        "SoftSuite",
                        "StaticInitSuite",
                        "TallySuite",
                        "TallySuite2",
                        "TallySuite3",
                        "TimedOutSuite",
                        "ToggleSuite",
                        "TracedSuite",
                        "ValuesSuite",
                        "inherited-base");
    }

    @Test
    void aSubclassOfASuiteIsASuiteOfItsOwnNamedByItsSimpleName() {
        SuiteCatalog catalog = SuiteCatalog.fromClasses(List.of(InheritedBaseSuite.class, InheritingSuite.class));

        assertThat(catalog.suites())
                .extracting(Suite::name, Suite::className, Suite::namespace, Suite::maxAttempts)
                .containsExactlyInAnyOrder(
                        tuple("inherited-base", InheritedBaseSuite.class.getName(), "inheritance", 2),
                        tuple("InheritingSuite", InheritingSuite.class.getName(), "inheritance", 2));
    }

    @Test
    void attemptsPerTestRangeOverTheTestsOwnMaxAttempts() {
        SuiteCatalog catalog = SuiteCatalog.fromClasses(List.of(
                dev.handoff.daemon.fixtures.RetriedSuite.class,
                dev.handoff.daemon.fixtures.FlakySuite.class,
                dev.handoff.daemon.fixtures.OverlappingSuite.class));

        assertThat(catalog.require("RetriedSuite").attemptsPerTest()).isEqualTo(new Suite.AttemptRange(1, 3));
        assertThat(catalog.require("RetriedSuite").attemptsPerTest()).hasToString("1–3");
        assertThat(catalog.require("FlakySuite").attemptsPerTest()).hasToString("3");
        assertThat(catalog.require("RetriedSuite").concurrentRuns()).isEqualTo(1);
        assertThat(catalog.require("OverlappingSuite").concurrentRuns()).isEqualTo(2);
    }

    @Test
    void suiteCarriesItsAnnotationAndTestCount() {
        Suite suite = SuiteCatalog.fromClasses(List.of(PassingSuite.class))
                .find("PassingSuite")
                .orElseThrow();

        assertThat(suite.className()).isEqualTo(PassingSuite.class.getName());
        assertThat(suite.uniqueId()).isEqualTo("[engine:handoff]/[suite:" + PassingSuite.class.getName() + "]");
        assertThat(suite.namespace()).isEqualTo("checkout");
        assertThat(suite.description()).isEqualTo("Everything works.");
        assertThat(suite.tests()).containsExactlyInAnyOrder("logsItsRunNumber", "passes");
        assertThat(suite.maxAttempts()).isEqualTo(1);
        assertThat(suite.timeout()).isEmpty();
    }

    @Test
    void suiteNameComesFromTheAnnotationOrTheSimpleClassName() {
        SuiteCatalog catalog = SuiteCatalog.fromClasses(List.of(MarkupSuite.class, FlakySuite.class));

        assertThat(catalog.suites()).extracting(Suite::name).containsExactly("FlakySuite", "Markup \"'<>& suite");
    }

    @Test
    void twoSuitesWithOneNameAreRejected() {
        List<Suite> twins = List.of(
                new Suite(
                        "Checkout",
                        "com.acme.a.Checkout",
                        "[engine:handoff]/[suite:com.acme.a.Checkout]",
                        "default",
                        "",
                        List.of(),
                        List.of("x"),
                        1,
                        Optional.empty()),
                new Suite(
                        "Checkout",
                        "com.acme.b.Checkout",
                        "[engine:handoff]/[suite:com.acme.b.Checkout]",
                        "default",
                        "",
                        List.of(),
                        List.of("x"),
                        1,
                        Optional.empty()));

        assertThatThrownBy(() -> SuiteCatalog.of(twins))
                .hasMessage("suite name 'Checkout' is used by both com.acme.a.Checkout and com.acme.b.Checkout:"
                        + " give one of them @HandoffSuite(name = ...)");
    }
}
