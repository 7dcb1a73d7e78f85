package dev.handoff.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Maven, the one running this build, on a copy of a project under {@code src/it}: offline, with a
 * throwaway local repository that holds this build's artifacts (maven-invoker-plugin's {@code
 * install}) chained to the build's own repository as a read-only tail, so nothing is downloaded and
 * nothing is installed where the user keeps artifacts.
 */
final class MavenRun {

    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private MavenRun() {}

    /** A copy of {@code src/it/NAME} in {@code folder}, with {@code @handoff.version@} replaced. */
    static Path project(String name, Path folder) throws IOException {
        Path from = Path.of(System.getProperty("handoff.it.projects")).resolve(name);
        Path to = folder.resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(
                            target,
                            Files.readString(file)
                                    .replace("@handoff.version@", System.getProperty("handoff.it.version")));
                }
            }
        }
        return to;
    }

    /** Starts Maven in {@code project} with these arguments; its output goes to {@code log}. */
    static Process start(Path project, Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("handoff.it.maven.home"), "bin", "mvn")
                        .toString(),
                "-B",
                "-o",
                "-Dmaven.repo.local=" + System.getProperty("handoff.it.local.repo"),
                "-Dmaven.repo.local.tail=" + System.getProperty("handoff.it.tail.repo")));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_OPTS");
        return builder.start();
    }

    /** Runs Maven to its end; returns its exit code, its output in {@code log}. */
    static int run(Path project, Path log, String... arguments) throws IOException, InterruptedException {
        Process maven = start(project, log, arguments);
        if (!maven.waitFor(PATIENCE.toMinutes(), TimeUnit.MINUTES)) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", arguments) + " did not end within " + PATIENCE
                    + "; its output:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return maven.exitValue();
    }
}
