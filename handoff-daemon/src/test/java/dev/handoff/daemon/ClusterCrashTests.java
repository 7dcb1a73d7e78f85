package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas as processes of their own ({@code handoff serve --db-url ...}) on one PostgreSQL
 * database: one is killed with SIGKILL in the middle of a run, and another finishes that run
 * without running again the tests that already had their final attempt.
 */
class ClusterCrashTests {

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
        Map<String, ServeProcess> replicas = new HashMap<>();
        for (String name : List.of("replica-a", "replica-b")) {
            replicas.put(name, serve(name, url));
        }
        Path journal = work.resolve("journal.txt");
        Daemons a = new Daemons(replicas.get("replica-a").url());
        long number = a.postJson(
                        "/suites/JournalSuite/runs",
                        "{\"parameters\":{\"journal\":\"" + journal.toString().replace("\\", "\\\\")
                                + "\",\"sleepMillis\":\"500\"}}")
                .json()
                .get("number")
                .asLong();
        a.await("JournalSuite", number, run -> run.get("tests").size() >= 2, "two tests in");
        String owner = owner(url, number);
        String victim = owner.startsWith("replica-a-") ? "replica-a" : "replica-b";
        String survivor = victim.equals("replica-a") ? "replica-b" : "replica-a";

        replicas.get(victim).process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Set<String> recordedBeforeKill = new HashSet<>();
        new Daemons(replicas.get(survivor).url())
                .run("JournalSuite", number)
                .get("tests")
                .forEach(test -> recordedBeforeKill.add(test.get("name").asText()));

        // Quartz takes the killed replica for dead after its check-in interval plus 7.5 s.
        JsonNode run = awaitFinished(new Daemons(replicas.get(survivor).url()), number, Duration.ofSeconds(90));
        assertThat(run.get("result").asText()).isEqualTo("passed");
        assertThat(run.get("tests")).hasSize(6);
        run.get("tests")
                .forEach(test -> assertThat(test.get("attempts").asInt())
                        .as(test.toString())
                        .isEqualTo(1));
        assertThat(owner(url, number)).as("finished by the survivor").startsWith(survivor + "-");
        Map<String, Integer> executions = new HashMap<>();
        Files.readAllLines(journal).forEach(name -> executions.merge(name, 1, Integer::sum));
        recordedBeforeKill.forEach(name -> assertThat(executions.get(name))
                .as(name + " ran again on the survivor")
                .isEqualTo(1));
        assertThat(executions.values().stream().mapToInt(Integer::intValue).sum())
                .as("only the test interrupted by the kill runs twice")
                .isBetween(6, 7);
    }

    private static JsonNode awaitFinished(Daemons replica, long number, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            JsonNode run = replica.run("JournalSuite", number);
            if (!run.get("result").asText().matches("pending|running")) {
                return run;
            }
            assertThat(Instant.now())
                    .as("run finished within %s: %s", patience, run)
                    .isBefore(deadline);
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

    /** A replica whose instance id starts with {@code name}: the host name it sees ({@code HOSTNAME}). */
    private ServeProcess serve(String name, String url) throws IOException {
        ServeProcess replica = ServeProcess.start(
                List.of("--data-dir", work.resolve(name).toString(), "--db-url", url, "--db-user", PostgresServer.USER),
                Map.of("HOSTNAME", name),
                Duration.ofSeconds(60));
        daemons.add(replica.process());
        return replica;
    }
}
