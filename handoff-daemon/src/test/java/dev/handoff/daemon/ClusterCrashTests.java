package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas as processes of their own ({@code handoff serve --db-url ...}) on one PostgreSQL
 * database: one is killed with SIGKILL in the middle of a run, and another finishes that run
 * without running again the tests that already had their final attempt.
 */
class ClusterCrashTests {

    private static final Pattern LISTENING = Pattern.compile("Handoff listening on (http://\\S+)");

    @TempDir
    Path work;

    private final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        daemons.forEach(Process::destroyForcibly);
    }

    @Test
    void killDashNineOfTheReplicaRunningARunLetsAnotherFinishIt() throws Exception {
        String url = PostgresServer.shared().newDatabase();
        Map<String, Replica> replicas = new HashMap<>();
        for (String name : List.of("replica-a", "replica-b")) {
            replicas.put(name, serve(name, url));
        }
        Path journal = work.resolve("journal.txt");
        Daemons a = new Daemons(replicas.get("replica-a").url());
        long number = a.postJson("/suites/JournalSuite/runs",
                "{\"parameters\":{\"journal\":\"" + journal.toString().replace("\\", "\\\\") + "\",\"sleepMillis\":\"500\"}}")
                .json().get("number").asLong();
        a.await("JournalSuite", number, run -> run.get("tests").size() >= 2, "two tests in");
        String owner = owner(url, number);
        String victim = owner.startsWith("replica-a-") ? "replica-a" : "replica-b";
        String survivor = victim.equals("replica-a") ? "replica-b" : "replica-a";

        replicas.get(victim).process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Set<String> recordedBeforeKill = new HashSet<>();
        new Daemons(replicas.get(survivor).url()).run("JournalSuite", number).get("tests")
                .forEach(test -> recordedBeforeKill.add(test.get("name").asText()));

        // Quartz takes the killed replica for dead after its check-in interval plus 7.5 s.
        JsonNode run = awaitFinished(new Daemons(replicas.get(survivor).url()), number, Duration.ofSeconds(90));
        assertThat(run.get("result").asText()).isEqualTo("passed");
        assertThat(run.get("tests")).hasSize(6);
        run.get("tests").forEach(test -> assertThat(test.get("attempts").asInt()).as(test.toString()).isEqualTo(1));
        assertThat(owner(url, number)).as("finished by the survivor").startsWith(survivor + "-");
        Map<String, Integer> executions = new HashMap<>();
        Files.readAllLines(journal).forEach(name -> executions.merge(name, 1, Integer::sum));
        recordedBeforeKill.forEach(name -> assertThat(executions.get(name)).as(name + " ran again on the survivor").isEqualTo(1));
        assertThat(executions.values().stream().mapToInt(Integer::intValue).sum())
                .as("only the test interrupted by the kill runs twice").isBetween(6, 7);
    }

    private static JsonNode awaitFinished(Daemons replica, long number, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            JsonNode run = replica.run("JournalSuite", number);
            if (!run.get("result").asText().matches("pending|running")) {
                return run;
            }
            assertThat(Instant.now()).as("run finished within %s: %s", patience, run).isBefore(deadline);
            Schedules.pause(Duration.ofMillis(200));
        }
    }

    private static String owner(String url, long number) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, "");
                PreparedStatement query = connection.prepareStatement(
                        "select owner from suite_run where suite = 'JournalSuite' and number = ?")) {
            query.setLong(1, number);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private record Replica(Process process, URI url) {}

    /** A replica whose instance id starts with {@code name}: the host name it sees ({@code HOSTNAME}). */
    private Replica serve(String name, String url) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.handoff.daemon.cli.HandoffCommand", "serve",
                "--host", "127.0.0.1", "--port", "0",
                "--data-dir", work.resolve(name).toString(),
                "--db-url", url, "--db-user", PostgresServer.USER,
                "--suites", Path.of("target", "test-classes").toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOSTNAME", name);
        Process process = builder.start();
        daemons.add(process);
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> listening = CompletableFuture.supplyAsync(() -> {
            try {
                StringBuilder seen = new StringBuilder();
                for (String line; (line = output.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        Thread.ofVirtual().start(() -> drain(output));
                        return URI.create(matcher.group(1));
                    }
                }
                throw new AssertionError("the replica ended without listening:\n" + seen);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        try {
            return new Replica(process, listening.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("the replica did not start: " + e.getMessage(), e);
        }
    }

    private static void drain(BufferedReader output) {
        try {
            while (output.readLine() != null) {
                // keeps the child from blocking on a full pipe
            }
        } catch (IOException ignored) {
            // the child is gone
        }
    }
}
