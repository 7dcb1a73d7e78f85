package dev.handoff.maven;

import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.discovery.SuitesPaths;
import dev.handoff.daemon.model.Suite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * {@code handoff:bundle}: writes {@code target/handoff-suites/}, a folder {@code handoff serve
 * --suites} takes as it is: the module's test classes and resources ({@code test-classes/}), its
 * main classes ({@code classes/}), the jars of its test-scope runtime dependencies except what the
 * daemon provides ({@code lib/}), and {@code handoff-bundle.json}, which says which suites it
 * holds and what it was built from. The suites are discovered as the daemon will discover them, so
 * a bundle without suites, or with two of one name, fails the build rather than the deployment.
 */
@Mojo(
        name = "bundle",
        defaultPhase = LifecyclePhase.PACKAGE,
        requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public final class BundleMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(property = "handoff.bundle", defaultValue = "${project.build.directory}/handoff-suites")
    private java.io.File bundleDirectory;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    private String pluginVersion;

    @Parameter(property = "handoff.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping handoff:bundle (handoff.skip)");
            return;
        }
        ModuleClasspath classpath = ModuleClasspath.of(project);
        if (!Files.isDirectory(classpath.testClasses())) {
            throw new MojoFailureException("no test classes in " + classpath.testClasses()
                    + ": handoff:bundle runs after test-compile (mvn package handoff:bundle)");
        }
        Path bundle = bundleDirectory.toPath();
        try {
            deleteRecursively(bundle);
            copyTree(classpath.testClasses(), bundle.resolve(SuitesPaths.BUNDLE_TEST_CLASSES));
            if (Files.isDirectory(classpath.classes())) {
                copyTree(classpath.classes(), bundle.resolve(SuitesPaths.BUNDLE_CLASSES));
            }
            List<String> jars = copyJars(classpath.jars(), bundle.resolve(SuitesPaths.BUNDLE_LIB));
            List<Suite> suites = discover(bundle);
            BundleIndex index = BundleIndex.of(
                    project, pluginVersion, GitCommit.of(project.getBasedir().toPath()), Instant.now(), suites, jars);
            index.write(bundle.resolve(SuitesPaths.BUNDLE_INDEX));
            getLog().info("Bundled " + suites.size() + (suites.size() == 1 ? " suite" : " suites") + " and "
                    + jars.size() + " jars into " + bundle + ": " + String.join(", ", index.suiteNames()));
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("cannot write the bundle " + bundle + ": " + e.getMessage(), e);
        }
    }

    private List<Suite> discover(Path bundle) throws MojoFailureException {
        // The folders themselves: the index that makes the folder a bundle is written once this succeeded.
        List<Path> roots = Stream.of(
                        SuitesPaths.BUNDLE_TEST_CLASSES, SuitesPaths.BUNDLE_CLASSES, SuitesPaths.BUNDLE_LIB)
                .map(bundle::resolve)
                .filter(Files::isDirectory)
                .toList();
        try (SuiteCatalog catalog = SuiteCatalog.load(List.of(), roots, false)) {
            if (catalog.suites().isEmpty()) {
                throw new MojoFailureException(
                        "no @HandoffSuite classes in " + project.getBuild().getTestOutputDirectory()
                                + ": a bundle without suites would stop handoff serve");
            }
            return catalog.suites();
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /** Copies each jar into {@code lib}; a file name two artifacts share gets the group in front. */
    private static List<String> copyJars(List<Artifact> artifacts, Path lib) throws IOException {
        Files.createDirectories(lib);
        Set<String> names = new HashSet<>();
        List<String> copied = new ArrayList<>();
        for (Artifact artifact : artifacts) {
            String name = artifact.getFile().getName();
            if (!names.add(name)) {
                name = artifact.getGroupId() + "." + name;
                names.add(name);
            }
            Files.copy(artifact.getFile().toPath(), lib.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            copied.add(SuitesPaths.BUNDLE_LIB + "/" + name);
        }
        return copied;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
