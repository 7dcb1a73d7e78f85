package dev.handoff.maven;

import dev.handoff.daemon.cli.HandoffCommand;
import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.model.Suite;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * {@code handoff:run}: a CI step in Maven terms. Triggers the module's suites (or {@code
 * -Dhandoff.suites=A,B}) on a running daemon ({@code -Dhandoff.url}, the token in {@code
 * HANDOFF_TOKEN}), one after another, follows each with {@code handoff run --wait}'s progress
 * lines, writes each run's JUnit XML to {@code target/handoff-reports/TEST-SUITE.xml}, and fails
 * the build when a run failed or was cancelled. It is the CLI's {@code run} command, so messages
 * and checks are the same.
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public final class RunMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The daemon; default {@code HANDOFF_URL}, else {@code http://127.0.0.1:1337/}. */
    @Parameter(property = "handoff.url")
    private String url;

    /** Suites to run; default every suite in the module's test classes. */
    @Parameter(property = "handoff.suites")
    private List<String> suites;

    /** Only the tests whose names match this regular expression. */
    @Parameter(property = "handoff.filter")
    private String filter;

    /** What is tested, such as a commit SHA or a version. */
    @Parameter(property = "handoff.ref")
    private String ref;

    /** Give up waiting for a run after this long ({@code 30m}); the run goes on. */
    @Parameter(property = "handoff.timeout")
    private String timeout;

    @Parameter(property = "handoff.reports", defaultValue = "${project.build.directory}/handoff-reports")
    private File reportsDirectory;

    @Parameter(property = "handoff.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping handoff:run (handoff.skip)");
            return;
        }
        List<String> failed = new ArrayList<>();
        for (String suite : suites()) {
            List<String> args = arguments(suite);
            PrintStream out = LogStream.to(getLog()::info);
            PrintStream err = LogStream.to(getLog()::error);
            int exitCode = HandoffCommand.execute(args.toArray(String[]::new), System.getenv(), out, err);
            out.close();
            err.close();
            switch (exitCode) {
                case 0 -> {}
                case 1 -> failed.add(suite);
                default ->
                    throw new MojoExecutionException("handoff run " + suite
                            + " could not run or follow the run (exit code " + exitCode + "); see above");
            }
        }
        if (!failed.isEmpty()) {
            throw new MojoFailureException(
                    "Handoff runs failed: " + String.join(", ", failed) + " (JUnit XML in " + reportsDirectory + ")");
        }
    }

    List<String> arguments(String suite) {
        List<String> args = new ArrayList<>(List.of("run", suite, "--wait"));
        if (url != null && !url.isBlank()) {
            args.add("--url=" + url);
        }
        args.add("--junit-xml="
                + reportsDirectory.toPath().resolve("TEST-" + suite.replaceAll("[^A-Za-z0-9._-]", "_") + ".xml"));
        if (filter != null) {
            args.add("--filter=" + filter);
        }
        if (ref != null) {
            args.add("--ref=" + ref);
        }
        if (timeout != null) {
            args.add("--timeout=" + timeout);
        }
        return args;
    }

    private List<String> suites() throws MojoFailureException {
        if (suites != null && !suites.isEmpty()) {
            return suites.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        ModuleClasspath classpath = ModuleClasspath.of(project);
        if (!classpath.testClasses().toFile().isDirectory()) {
            throw new MojoFailureException("no test classes in " + classpath.testClasses()
                    + ": compile them (mvn test-compile handoff:run) or name the suites with -Dhandoff.suites=A,B");
        }
        List<Path> paths = classpath.suitesPaths();
        try (SuiteCatalog catalog = SuiteCatalog.load(List.of(), paths, false)) {
            List<String> names = catalog.suites().stream().map(Suite::name).toList();
            if (names.isEmpty()) {
                throw new MojoFailureException("no @HandoffSuite classes in " + classpath.testClasses()
                        + ": name the suites with -Dhandoff.suites=A,B");
            }
            return names;
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }
}
