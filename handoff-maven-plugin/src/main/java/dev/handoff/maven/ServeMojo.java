package dev.handoff.maven;

import dev.handoff.daemon.cli.HandoffCommand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * {@code handoff:serve}: the daemon on the module's own test classpath, in Maven's JVM, until
 * Ctrl-C (as {@code jetty:run} serves a web app). It is {@code handoff serve} itself, so it takes
 * the same options as {@code -Dhandoff.NAME=VALUE} ({@code -Dhandoff.port=8080}), reports bad ones
 * the same way, and stops as gracefully. The database defaults to {@code target/handoff-data}.
 */
@Mojo(name = "serve", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = false)
public final class ServeMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        ModuleClasspath classpath = ModuleClasspath.of(project);
        List<Path> paths = classpath.suitesPaths();
        if (paths.isEmpty() || !classpath.testClasses().toFile().isDirectory()) {
            throw new MojoFailureException("no test classes in " + classpath.testClasses()
                    + ": compile them first (mvn test-compile handoff:serve)");
        }
        Properties properties = new Properties();
        properties.putAll(project.getProperties());
        properties.putAll(session.getUserProperties());
        List<String> args =
                ServeArguments.of(paths, Path.of(project.getBuild().getDirectory(), "handoff-data"), properties);
        getLog().info("handoff "
                + String.join(
                        " ",
                        args.stream().filter(a -> !a.startsWith("--suites=")).toList()) + " (suites: " + paths.size()
                + " paths of the test classpath)");
        PrintStream err = LogStream.to(getLog()::error);
        int exitCode = HandoffCommand.execute(args.toArray(String[]::new), System.getenv(), System.out, err);
        err.close();
        if (exitCode != 0) {
            throw new MojoFailureException("handoff serve could not start (exit code " + exitCode + "); see above");
        }
    }
}
