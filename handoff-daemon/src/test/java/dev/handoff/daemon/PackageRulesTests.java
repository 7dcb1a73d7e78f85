package dev.handoff.daemon;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the daemon's packages may use each other (see ARCHITECTURE.md): read from its compiled main
 * classes, so a change that breaks a rule fails the build with the offending dependency named.
 */
class PackageRulesTests {

    private static JavaClasses daemon;

    @BeforeAll
    static void importDaemonClasses() {
        daemon = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.handoff.daemon");
    }

    @Test
    void noTwoPackagesDependOnEachOtherThroughAnyPath() {
        slices().matching("dev.handoff.daemon.(*)..").should().beFreeOfCycles().check(daemon);
    }

    @Test
    void theModelPackageUsesNoOtherDaemonPackage() {
        noClasses()
                .that()
                .resideInAPackage("dev.handoff.daemon.model..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.handoff.daemon..")
                        .and(resideOutsideOfPackage("dev.handoff.daemon.model..")))
                .check(daemon);
    }
}
