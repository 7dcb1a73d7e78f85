package dev.handoff.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.api.HandoffSuite;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --suites group:artifact:version:classifier --maven-repo file://...}: a suite
 * artifact and the client library it depends on, compiled by the test (so the daemon's classpath
 * cannot already hold them) and deployed to a file repository in the Maven layout, served by
 * coordinates and run; and a missing artifact as a one-line startup error.
 */
class SuitesByCoordinatesTests {

    private static final String SUITES = "com.acme:checkout-e2e:1.4.0:tests";

    @TempDir
    static Path temp;

    static Path repository;

    @TempDir
    Path data;

    @BeforeAll
    static void deploySuiteArtifacts() throws Exception {
        repository = temp.resolve("repository");
        Path client = compile("client", List.of(), "com/acme/client/Greeter.java", """
                package com.acme.client;
                public final class Greeter {
                    public static String greet(String name) { return "Hello, " + name; }
                }
                """);
        deploy("shop-client", "1.0.0", "", client, "");
        Path suite = compile("suite", List.of(client), "com/acme/e2e/CoordinatesSuite.java", """
                package com.acme.e2e;
                import dev.handoff.api.HandoffSuite;
                import org.junit.jupiter.api.Assertions;
                import org.junit.jupiter.api.Test;
                @HandoffSuite
                class CoordinatesSuite {
                    @Test
                    void greetsThroughItsDependency() {
                        Assertions.assertEquals("Hello, Ada", com.acme.client.Greeter.greet("Ada"));
                    }
                }
                """);
        deploy("checkout-e2e", "1.4.0", "tests", suite, """
                <dependencies>
                  <dependency><groupId>com.acme</groupId><artifactId>shop-client</artifactId><version>1.0.0</version></dependency>
                </dependencies>""");
    }

    @Test
    void suitesByCoordinatesAreResolvedWithTheirDependenciesServedAndRun() throws Exception {
        try (HandoffProcess serve = HandoffProcess.start(
                data,
                "serve",
                "--suites",
                SUITES,
                "--maven-repo",
                repository.toUri().toString(),
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--data-dir",
                data.resolve("data").toString())) {
            String url = serve.awaitLine("Handoff listening on ").substring("Handoff listening on ".length());
            assertThat(serve.awaitLine("1 suite: "))
                    .isEqualTo("1 suite: CoordinatesSuite (com.acme.e2e.CoordinatesSuite)");

            Cli.Result run = Cli.run("run", "CoordinatesSuite", "--url", url, "--wait");

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("CoordinatesSuite #1 passed");
            assertThat(data.resolve("data/maven-repository/com/acme/checkout-e2e/1.4.0/checkout-e2e-1.4.0-tests.jar"))
                    .as("kept in the data dir")
                    .isRegularFile();
            assertThat(serve.terminate(Duration.ofSeconds(60))).isZero();
        }
    }

    @Test
    void missingArtifactStopsStartupWithOneLineNamingItAndTheRepositories() {
        Cli.Result result = Cli.run(
                Map.of(),
                "serve",
                "--suites",
                "com.acme:missing-e2e:9.9.9:tests",
                "--maven-repo",
                repository.toUri().toString(),
                "--port",
                "0",
                "--data-dir",
                data.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(result.err().lines())
                .singleElement()
                .asString()
                .startsWith("cannot resolve suites com.acme:missing-e2e:9.9.9:tests from " + repository.toUri())
                .contains("com.acme:missing-e2e");
    }

    private static Path compile(String name, List<Path> classpath, String file, String source)
            throws IOException, URISyntaxException {
        Path sources = temp.resolve(name + "-src");
        Path classes = temp.resolve(name + "-classes");
        Files.createDirectories(sources.resolve(file).getParent());
        Files.createDirectories(classes);
        Files.writeString(sources.resolve(file), source);
        String path = String.join(
                java.io.File.pathSeparator,
                Stream.concat(
                                classpath.stream().map(Path::toString),
                                Stream.of(
                                        location(HandoffSuite.class),
                                        location(org.junit.jupiter.api.Test.class),
                                        location(org.apiguardian.api.API.class)))
                        .toList());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                path,
                sources.resolve(file).toString());
        assertThat(code).as("javac of " + file).isZero();
        return classes;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    /** Writes the jar and its POM where a Maven repository keeps them. */
    private static void deploy(String artifactId, String version, String classifier, Path classes, String dependencies)
            throws IOException {
        Path folder = Files.createDirectories(repository.resolve("com/acme/" + artifactId + "/" + version));
        String base = artifactId + "-" + version;
        Files.writeString(folder.resolve(base + ".pom"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.acme</groupId><artifactId>%s</artifactId><version>%s</version>
                  %s
                </project>
                """.formatted(artifactId, version, dependencies));
        Path jar = folder.resolve(base + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }
}
