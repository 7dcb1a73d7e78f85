package dev.handoff.samples.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's commands for serving the samples' bundle, run as the README writes them (from the
 * repository's root, with {@code java} this JVM's), plus a free port and a throwaway data folder:
 * {@code serve --suites samples/target/handoff-suites} serves every sample suite and runs one green,
 * and {@code handoff.jar demo} serves them without Maven. Runs after {@code package}, once
 * {@code handoff:bundle} made the bundle.
 */
class ReadmeCommandsCheck {

    private static final Path ROOT =
            Path.of(System.getProperty("handoff.samples.root", "..")).normalize();
    private static final List<String> SAMPLE_SUITES = List.of(
            "OrderConfirmationSuite",
            "SalesReportTimeoutSuite",
            "ShopCatalogueSuite",
            "ShopDownSuite",
            "ShopKnownGapsSuite",
            "ShopRetrySuite",
            "shop-smoke");

    @TempDir
    Path temp;

    @Test
    void serveCommandOfTheReadmeServesTheSamplesBundleAndItsSuitesRun() throws Exception {
        List<String> command = readmeCommand(
                "java -jar handoff-daemon/target/handoff.jar serve --suites samples/target/handoff-suites");
        try (Started daemon = Started.run(command, temp, "Handoff listening on ")) {
            assertThat(daemon.output()).contains(SAMPLE_SUITES.size() + " suites: ");
            SAMPLE_SUITES.forEach(suite -> assertThat(daemon.output()).contains(suite));

            JsonNode run = daemon.runToTheEnd("shop-smoke");

            assertThat(run.path("result").asText()).as(run::toPrettyString).isEqualTo("passed");
            assertThat(run.path("counts").path("passed").asInt()).isPositive();
        }
    }

    @Test
    void demoFromTheJarServesTheSampleSuitesWithoutMaven() throws Exception {
        List<String> command = readmeCommand("java -jar handoff-daemon/target/handoff.jar demo");
        try (Started demo = Started.run(command, temp, "Handoff demo: ")) {
            SAMPLE_SUITES.forEach(suite -> assertThat(demo.output()).contains(suite));
            demo.awaitOutput("shop-smoke #1 passed");
        }
    }

    /** The README's line, split into words, with {@code java} this JVM's. */
    private static List<String> readmeCommand(String line) throws IOException {
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains(line);
        assertThat(ROOT.resolve("handoff-daemon/target/handoff.jar"))
                .as("the daemon's jar; build the whole project (./mvnw -B verify), not samples alone")
                .isRegularFile();
        List<String> words = new ArrayList<>(Arrays.asList(line.split(" ")));
        words.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return words;
    }

    /** A daemon started from the repository's root, its output in a file, stopped by SIGTERM. */
    private record Started(Process process, Path out, URI url) implements AutoCloseable {

        static Started run(List<String> readme, Path temp, String urlPrefix) throws Exception {
            List<String> command = new ArrayList<>(readme);
            command.addAll(
                    List.of("--port", "0", "--data-dir", temp.resolve("data").toString()));
            Path out = temp.resolve("out.txt");
            Process process = new ProcessBuilder(command)
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            Started started = new Started(process, out, null);
            String line = started.awaitLine(l -> l.startsWith(urlPrefix), urlPrefix);
            String url = line.substring(urlPrefix.length()).strip();
            // the next line names the suites
            started.awaitOutput(" suites: ");
            return new Started(process, out, URI.create(url));
        }

        String output() {
            try {
                return Files.readString(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        String awaitOutput(String text) throws InterruptedException {
            return awaitLine(l -> l.contains(text), text);
        }

        String awaitLine(java.util.function.Predicate<String> wanted, String text) throws InterruptedException {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (Instant.now().isBefore(deadline)) {
                var line = output().lines().filter(wanted).findFirst();
                if (line.isPresent()) {
                    return line.get();
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no line with '" + text + "'; the output:\n" + output());
        }

        JsonNode runToTheEnd(String suite) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(url.resolve("suites/" + suite + "/runs"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created::body).isEqualTo(201);
            URI run = url.resolve(
                    new ObjectMapper().readTree(created.body()).path("url").asText());
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (Instant.now().isBefore(deadline)) {
                JsonNode detail = new ObjectMapper()
                        .readTree(http.send(HttpRequest.newBuilder(run).build(), HttpResponse.BodyHandlers.ofString())
                                .body());
                if (detail.path("finishedAt").isTextual()) {
                    return detail;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("run of " + suite + " did not finish in 2 minutes; the output:\n" + output());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
