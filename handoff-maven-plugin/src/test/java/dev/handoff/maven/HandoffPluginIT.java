package dev.handoff.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as a team uses it, on {@code src/it/shop-e2e} (a project outside this build): {@code
 * mvn package handoff:bundle}, the bundle served by {@code java -jar handoff.jar serve} and run with
 * {@code mvn handoff:run}, and {@code mvn handoff:serve} answering on its port. One copy of the
 * project, built once, for every step: each Maven start costs seconds.
 */
@Tag("maven-it")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandoffPluginIT {

    @TempDir
    static Path temp;

    static Path project;
    static Path bundle;

    @BeforeAll
    static void packageAndBundle() throws Exception {
        project = MavenRun.project("shop-e2e", temp);
        Path log = temp.resolve("package.log");
        int exitCode = MavenRun.run(project, log, "package", "handoff:bundle");
        assertThat(exitCode).as(() -> read(log)).isZero();
        bundle = project.resolve("target/handoff-suites");
    }

    @Test
    @Order(1)
    void bundleHoldsTestClassesMainClassesAndTheJarsTheDaemonLacks() throws IOException {
        assertThat(bundle.resolve("test-classes/com/acme/GreetingSuite.class")).isRegularFile();
        assertThat(bundle.resolve("test-classes/greeting.txt")).hasContent("Hello");
        assertThat(bundle.resolve("classes/com/acme/Greeter.class")).isRegularFile();
        try (Stream<Path> jars = Files.list(bundle.resolve("lib"))) {
            // AssertJ and its byte-buddy; not JUnit, opentest4j, apiguardian or Handoff's own jars.
            assertThat(jars.map(jar -> jar.getFileName().toString()))
                    .hasSize(2)
                    .contains("assertj-core-3.27.7.jar")
                    .anyMatch(name -> name.startsWith("byte-buddy-"));
        }
    }

    @Test
    @Order(2)
    void indexNamesTheSuitesAndWhatTheyWereBuiltFrom() throws IOException {
        JsonNode index = new ObjectMapper()
                .readTree(bundle.resolve("handoff-bundle.json").toFile());

        assertThat(index.path("artifact").asText()).isEqualTo("com.acme:shop-e2e:1.4.0");
        assertThat(index.path("suites").findValuesAsText("name")).containsExactly("GreetingSuite");
        assertThat(index.path("suites").findValuesAsText("className")).containsExactly("com.acme.GreetingSuite");
        assertThat(index.path("builtAt").asText()).isNotBlank();
        assertThat(index.path("jars")).hasSize(2);
    }

    @Test
    @Order(3)
    void bundleServedByTheJarPassesAndHandoffRunWritesJunitXml() throws Exception {
        Path out = temp.resolve("serve.out");
        Process daemon = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        System.getProperty("handoff.it.jar"),
                        "serve",
                        "--suites",
                        bundle.toString(),
                        "--port",
                        "0",
                        "--host",
                        "127.0.0.1",
                        "--data-dir",
                        temp.resolve("data").toString())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        try {
            String url = awaitLine(daemon, out, "Handoff listening on ").substring("Handoff listening on ".length());
            Path log = temp.resolve("run.log");

            int exitCode = MavenRun.run(project, log, "handoff:run", "-Dhandoff.url=" + url);

            assertThat(exitCode).as(() -> read(log)).isZero();
            assertThat(read(log)).contains("GreetingSuite #1 passed");
            Path xml = project.resolve("target/handoff-reports/TEST-GreetingSuite.xml");
            assertThat(xml).isRegularFile();
            assertThat(read(xml))
                    .contains("greetsByName", "readsAResourceOfTheTestClasspath")
                    .doesNotContain("<failure");
        } finally {
            stop(daemon);
        }
    }

    @Test
    @Order(4)
    void handoffServeAnswersOnItsPortUntilStopped() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = temp.resolve("maven-serve.log");
        Process maven =
                MavenRun.start(project, log, "handoff:serve", "-Dhandoff.port=" + port, "-Dhandoff.host=127.0.0.1");
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI suites = URI.create("http://127.0.0.1:" + port + "/suites");
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            HttpResponse<String> answer = null;
            while (answer == null && maven.isAlive() && Instant.now().isBefore(deadline)) {
                try {
                    answer = http.send(HttpRequest.newBuilder(suites).build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYet) {
                    Thread.sleep(250);
                }
            }
            assertThat(answer)
                    .as(() -> "no answer on port " + port + "; Maven said:\n" + read(log))
                    .isNotNull();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"GreetingSuite\"");
        } finally {
            maven.destroy();
            assertThat(maven.waitFor(60, TimeUnit.SECONDS))
                    .as("Maven stops on SIGTERM")
                    .isTrue();
        }
        assertThat(read(log)).contains("BUILD SUCCESS");
    }

    private static String awaitLine(Process process, Path out, String prefix) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            List<String> lines =
                    read(out).lines().filter(l -> l.startsWith(prefix)).toList();
            if (!lines.isEmpty()) {
                return lines.getFirst();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line starting with '" + prefix + "':\n" + read(out));
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
