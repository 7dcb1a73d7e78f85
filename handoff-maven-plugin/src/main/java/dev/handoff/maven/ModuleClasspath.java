package dev.handoff.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.project.MavenProject;

/**
 * What of a module's test classpath the daemon needs: its test classes, its main classes, and the
 * jars of its test-scope runtime dependencies, minus what the daemon provides itself.
 *
 * <p>The daemon loads suites in a class loader whose parent holds JUnit Platform, Jupiter and
 * Handoff's API and engine; a second copy of them in the suites' loader would be found second
 * anyway (parent first), so leaving them out removes only a version clash waiting to happen.
 *
 * @param testClasses {@code target/test-classes}
 * @param classes {@code target/classes}
 * @param jars the dependencies' files, in the project's order
 */
record ModuleClasspath(Path testClasses, Path classes, List<Artifact> jars) {

    private static final Set<String> PROVIDED_GROUPS =
            Set.of("org.junit.platform", "org.junit.jupiter", "org.opentest4j", "org.apiguardian");
    private static final Set<String> PROVIDED_HANDOFF = Set.of("handoff-api", "handoff-engine", "handoff-daemon");
    /** The OpenTelemetry API the engine is built on: the daemon's copy is the one its spans go through. */
    private static final Set<String> PROVIDED_OPENTELEMETRY =
            Set.of("opentelemetry-api", "opentelemetry-context", "opentelemetry-common");

    private static final Set<String> RUNTIME_SCOPES =
            Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME, Artifact.SCOPE_TEST);

    ModuleClasspath {
        jars = List.copyOf(jars);
    }

    static ModuleClasspath of(MavenProject project) {
        List<Artifact> jars = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            if (RUNTIME_SCOPES.contains(artifact.getScope())
                    && !providedByDaemon(artifact)
                    && artifact.getArtifactHandler().isAddedToClasspath()
                    && artifact.getFile() != null
                    && artifact.getFile().isFile()) {
                jars.add(artifact);
            }
        }
        return new ModuleClasspath(
                Path.of(project.getBuild().getTestOutputDirectory()),
                Path.of(project.getBuild().getOutputDirectory()),
                jars);
    }

    /**
     * JUnit Platform, Jupiter, their opentest4j and apiguardian, Handoff's own modules and the
     * OpenTelemetry API the engine brings along.
     */
    static boolean providedByDaemon(Artifact artifact) {
        return PROVIDED_GROUPS.contains(artifact.getGroupId())
                || (artifact.getGroupId().equals("dev.handoff") && PROVIDED_HANDOFF.contains(artifact.getArtifactId()))
                || (artifact.getGroupId().equals("io.opentelemetry")
                        && PROVIDED_OPENTELEMETRY.contains(artifact.getArtifactId()));
    }

    /** The folders that exist and the jars, as {@code serve --suites} takes them. */
    List<Path> suitesPaths() {
        List<Path> paths = new ArrayList<>();
        if (Files.isDirectory(testClasses)) {
            paths.add(testClasses);
        }
        if (Files.isDirectory(classes)) {
            paths.add(classes);
        }
        jars.stream().map(Artifact::getFile).map(File::toPath).forEach(paths::add);
        return paths;
    }
}
