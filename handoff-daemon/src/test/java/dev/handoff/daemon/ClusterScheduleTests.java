package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schedule on replicas of their own processes sharing PostgreSQL: the replica that handled its
 * last fire is killed with SIGKILL, and the schedule keeps the no-loss rule on the survivor.
 */
class ClusterScheduleTests {

    @TempDir
    Path work;

    private final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        daemons.forEach(Process::destroyForcibly);
    }

    @Test
    void scheduleOnAReplicaThatDiesFiresOnceOnTheSurvivorThenKeepsItsTimes() throws Exception {
        String url = PostgresServer.shared().newDatabase();
        Map<String, ServeProcess> replicas = new LinkedHashMap<>();
        for (String name : List.of("replica-a", "replica-b")) {
            replicas.put(name, serve(name, url));
        }
        Daemons a = new Daemons(replicas.get("replica-a").url());
        assertThat(a.putJson("/schedules/beat", ScheduleFiresTests.BEAT).status())
                .isEqualTo(201);
        List<JsonNode> before = awaitFires(a, 2, fire -> true);
        String victim = before.get(0).get("replica").asText().startsWith("replica-a-") ? "replica-a" : "replica-b";
        String survivor = victim.equals("replica-a") ? "replica-b" : "replica-a";

        Instant killed = Instant.now();
        replicas.get(victim).process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        // Quartz takes the killed replica for dead after its check-in interval plus 7.5 s.
        Daemons left = new Daemons(replicas.get(survivor).url());
        List<JsonNode> fires = awaitFires(
                left, 3, fire -> Instant.parse(fire.get("scheduledAt").asText()).isAfter(killed.plusSeconds(1)));
        assertThat(fires.stream()
                        .filter(fire ->
                                Instant.parse(fire.get("scheduledAt").asText()).isAfter(killed.plusSeconds(1))))
                .allSatisfy(fire -> assertThat(fire.get("replica").asText()).startsWith(survivor + "-"));
        ScheduleFiresTests.assertOneCatchUpFireThenEveryTick(fires, killed, true);
    }

    /** The schedule's recent fires once {@code count} of them match, the latest first. */
    private static List<JsonNode> awaitFires(Daemons replica, int count, java.util.function.Predicate<JsonNode> which) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            List<JsonNode> fires = ScheduleFiresTests.list(
                    replica.get("/schedules/beat").json().get("recentFires"));
            if (fires.stream()
                            .filter(fire -> !fire.get("outcome").asText().equals("firing"))
                            .filter(which)
                            .count()
                    >= count) {
                return fires;
            }
            assertThat(Instant.now())
                    .as("%d fires within 60 s: %s", count, fires)
                    .isBefore(deadline);
            Schedules.pause(Duration.ofMillis(200));
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
