package dev.handoff.daemon.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuitesPathsTests {

    @TempDir
    Path temp;

    @Test
    void bundleStandsForItsTestClassesThenItsClassesThenItsJars() throws IOException {
        Path bundle = Files.createDirectories(temp.resolve("handoff-suites"));
        Files.writeString(bundle.resolve(SuitesPaths.BUNDLE_INDEX), "{}");
        Files.createDirectories(bundle.resolve("test-classes/com/acme"));
        Files.writeString(bundle.resolve("test-classes/com/acme/ShopSuite.class"), "");
        Files.createDirectories(bundle.resolve("classes"));
        Files.createDirectories(bundle.resolve("lib"));
        Files.writeString(bundle.resolve("lib/b.jar"), "");
        Files.writeString(bundle.resolve("lib/a.jar"), "");

        assertThat(SuitesPaths.roots(List.of(bundle)))
                .containsExactly(
                        bundle.resolve("test-classes"),
                        bundle.resolve("classes"),
                        bundle.resolve("lib/a.jar"),
                        bundle.resolve("lib/b.jar"));
    }

    @Test
    void folderWithoutIndexIsAFolderOfClassesAsBefore() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("test-classes/com/acme"));
        Files.writeString(folder.resolve("ShopSuite.class"), "");

        assertThat(SuitesPaths.roots(List.of(temp.resolve("test-classes"))))
                .containsExactly(temp.resolve("test-classes"));
    }
}
