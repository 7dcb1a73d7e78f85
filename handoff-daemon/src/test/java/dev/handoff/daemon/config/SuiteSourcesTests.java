package dev.handoff.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --suites} as paths or Maven coordinates, and {@code --maven-repo}, in every door. */
class SuiteSourcesTests {

    @Test
    void coordinatesAreTakenAsAWholeAndPathsAreSplit() {
        assertThat(Kind.SUITES.parse("com.acme:checkout-e2e:1.4.0:tests"))
                .isEqualTo(new SuiteSources(List.of(), List.of("com.acme:checkout-e2e:1.4.0:tests")));
        assertThat(Kind.SUITES.parse("a.jar" + File.pathSeparator + "b"))
                .isEqualTo(new SuiteSources(List.of(Path.of("a.jar"), Path.of("b")), List.of()));
    }

    @Test
    void pathsAndCoordinatesFromSeveralFlagsAddUp() {
        Values values = new Values();
        values.putText(Settings.SUITES, "a.jar", Source.flag(Settings.SUITES));
        values.putText(Settings.SUITES, "com.acme:e2e:1.0", Source.flag(Settings.SUITES));
        values.putText(Settings.MAVEN_REPO, "file:///repo", Source.flag(Settings.MAVEN_REPO));
        values.putText(Settings.MAVEN_REPO, "https://repo.example/maven", Source.flag(Settings.MAVEN_REPO));

        SuitesConfig suites = SuitesConfig.of(values);

        assertThat(suites.paths()).containsExactly(Path.of("a.jar"));
        assertThat(suites.artifacts()).containsExactly("com.acme:e2e:1.0");
        assertThat(suites.mavenRepositories()).containsExactly("file:///repo", "https://repo.example/maven");
    }

    @Test
    void theLibrarysArtifactsJoinThoseOfSuites() {
        Values values = new Values()
                .set(Settings.SUITES_ARTIFACTS, List.of("com.acme:e2e:1.0"))
                .set(Settings.SUITES_ARTIFACTS, List.of("com.acme:more-e2e:2.0:tests"));

        assertThat(SuitesConfig.of(values).artifacts())
                .containsExactly("com.acme:e2e:1.0", "com.acme:more-e2e:2.0:tests");
        assertThat(SuitesConfig.of(new Values()).mavenRepositories()).isEmpty();
    }

    @Test
    void badCoordinatesAndRepositoriesAreNamedByTheirDoor() {
        assertThatThrownBy(() -> new Values().set(Settings.SUITES_ARTIFACTS, List.of("com.acme:e2e")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("suitesArtifact(")
                .hasMessageContaining("is not group:artifact:version[:classifier]");
        assertThatThrownBy(() -> new Values().set(Settings.MAVEN_REPO, List.of("repo.example/maven")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mavenRepository(")
                .hasMessageContaining("is not an absolute URL of a Maven repository");
    }
}
