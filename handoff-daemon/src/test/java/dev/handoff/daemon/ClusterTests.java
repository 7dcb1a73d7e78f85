package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.SlowSuite;
import dev.handoff.daemon.fixtures.TallySuite;
import dev.handoff.daemon.fixtures.TallySuite2;
import dev.handoff.daemon.fixtures.TallySuite3;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three daemons of this JVM (library mode) on one PostgreSQL database, as three replicas of a
 * cluster: runs, schedules and the API are shared. {@link ClusterCrashTests} kills replicas that
 * are processes of their own.
 */
class ClusterTests {

    private static final List<String> SUITES = List.of("TallySuite", "TallySuite2", "TallySuite3");

    @TempDir
    Path work;

    private String url;
    private final List<Handoff> replicas = new ArrayList<>();
    private final List<Daemons> http = new ArrayList<>();

    @BeforeEach
    void startThreeReplicas() {
        url = PostgresServer.shared().newDatabase();
        for (int i = 0; i < 3; i++) {
            Handoff replica = Daemons.started(Daemons.local(
                            work.resolve("data-" + i),
                            TallySuite.class,
                            TallySuite2.class,
                            TallySuite3.class,
                            SlowSuite.class)
                    .database(url, PostgresServer.USER, "")
                    .shutdownGrace(Duration.ofMillis(200)));
            replicas.add(replica);
            http.add(new Daemons(replica.url()));
        }
    }

    @AfterEach
    void stopReplicas() {
        SlowSuite.release.countDown();
        replicas.forEach(Handoff::close);
        SlowSuite.release = new CountDownLatch(1);
    }

    @Test
    void hundredTriggersSpreadOverThreeReplicasGiveHundredRunsEachExecutedOnce() throws Exception {
        Path tally = work.resolve("tally.txt");
        String body = "{\"parameters\":{\"tally\":\"" + json(tally) + "\",\"sleepMillis\":\"50\"}}";
        List<String> triggered;
        try (ExecutorService clients = Executors.newFixedThreadPool(12)) {
            List<Future<String>> posts = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Daemons replica = http.get(i % 3);
                String suite = SUITES.get((i / 3) % SUITES.size());
                posts.add(clients.submit(() -> {
                    Daemons.Response created = replica.postJson("/suites/" + suite + "/runs", body);
                    assertThat(created.status()).as(created.body()).isEqualTo(201);
                    return suite + "#" + created.json().get("number").asLong();
                }));
            }
            triggered = new ArrayList<>();
            for (Future<String> post : posts) {
                triggered.add(post.get(60, TimeUnit.SECONDS));
            }
        }

        assertThat(triggered).doesNotHaveDuplicates().hasSize(100);
        Map<String, List<Long>> numbers = triggered.stream()
                .collect(Collectors.groupingBy(
                        run -> run.split("#")[0],
                        Collectors.mapping(run -> Long.parseLong(run.split("#")[1]), Collectors.toList())));
        numbers.forEach((suite, taken) -> assertThat(taken)
                .as("numbers of " + suite + " are gap-free")
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, taken.size()).boxed().toList()));
        for (String run : triggered) {
            String[] parts = run.split("#");
            JsonNode finished = awaitFinished(http.get(0), parts[0], Long.parseLong(parts[1]), Duration.ofMinutes(3));
            assertThat(finished.get("result").asText()).as(run).isEqualTo("passed");
        }
        Map<String, Long> executions = Files.readAllLines(tally).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(executions.keySet()).containsExactlyInAnyOrderElementsOf(triggered);
        assertThat(executions.values()).as("each run executed once").containsOnly(1L);
        Map<String, Integer> byReplica = runsByOwner();
        assertThat(byReplica.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(100);
        assertThat(byReplica)
                .as("runs executed by more than one replica: " + byReplica)
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(byReplica.keySet())
                .allSatisfy(owner ->
                        assertThat(replicas.stream().map(Handoff::instanceId)).contains(owner));
    }

    @Test
    void everyReplicaAnswersTheSameApiFromTheSharedDatabase() {
        long number = http.get(1).trigger("TallySuite2", "");
        awaitFinished(http.get(2), "TallySuite2", number, Daemons.PATIENCE);

        List<JsonNode> runs =
                http.stream().map(replica -> replica.run("TallySuite2", number)).toList();
        assertThat(runs).allSatisfy(run -> assertThat(run).isEqualTo(runs.get(0)));
        assertThat(runs.get(0).get("result").asText()).isEqualTo("passed");
        List<String> lists = http.stream()
                .map(replica -> replica.get("/suites/TallySuite2/runs").body())
                .toList();
        assertThat(lists).allSatisfy(list -> assertThat(list).isEqualTo(lists.get(0)));
        List<Integer> reports = http.stream()
                .map(replica -> replica.get("/suites/TallySuite2/runs/" + number + "/junit.xml")
                        .status())
                .toList();
        assertThat(reports).containsOnly(200);
    }

    @Test
    void aScheduleFiresOncePerTickAcrossTheCluster() {
        Instant start = Instant.now();
        Daemons.Response created =
                http.get(0).putJson("/schedules/tick", "{\"suite\": \"TallySuite3\", \"every\": \"1s\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Schedules.pause(Duration.ofSeconds(6));
        // Paused, and a fire already under way given time to store its run, so the counts and the runs read below
        // agree.
        assertThat(http.get(1).post("/schedules/tick/pause").status()).isEqualTo(200);
        Schedules.pause(Duration.ofSeconds(1));

        List<JsonNode> seen = http.stream()
                .map(replica -> replica.get("/schedules/tick").json())
                .toList();
        long elapsedSeconds = Duration.between(start, Instant.now()).toSeconds();
        int fires = seen.get(0).get("runCount").asInt()
                + seen.get(0).get("skippedFires").asInt();
        assertThat(fires)
                .as("fires in %d s, one per second over three replicas", elapsedSeconds)
                .isBetween(2, (int) elapsedSeconds + 1);
        assertThat(seen)
                .allSatisfy(
                        schedule -> assertThat(schedule.get("suite").asText()).isEqualTo("TallySuite3"));
        List<JsonNode> runs = Schedules.runsBy(http.get(2), "TallySuite3", "schedule:tick");
        assertThat(runs).hasSizeBetween(seen.get(0).get("runCount").asInt(), fires);
    }

    @Test
    void aRunningRunIsCancelledThroughAReplicaThatDoesNotRunIt() throws Exception {
        long number = http.get(0).trigger("SlowSuite", "");
        http.get(0).await("SlowSuite", number, run -> run.get("result").asText().equals("running"), "running");
        String owner = owner("SlowSuite", number);
        int other = replicas.get(0).instanceId().equals(owner) ? 1 : 0;

        Daemons.Response cancel = http.get(other).post("/suites/SlowSuite/runs/" + number + "/cancel");

        assertThat(cancel.status()).as(cancel.body()).isLessThan(300);
        JsonNode run = http.get(other).awaitFinished("SlowSuite", number);
        assertThat(run.get("result").asText()).isEqualTo("cancelled");
    }

    @Test
    void aReplicaThatStopsHandsItsRunningRunToAnotherAtOnce() throws Exception {
        long number = http.get(0).trigger("SlowSuite", "");
        http.get(0).await("SlowSuite", number, run -> run.get("result").asText().equals("running"), "running");
        String owner = owner("SlowSuite", number);
        int stopping = indexOf(owner);

        replicas.get(stopping).close();
        SlowSuite.release.countDown();

        Daemons survivor = http.get((stopping + 1) % 3);
        JsonNode run = awaitFinished(survivor, "SlowSuite", number, Duration.ofSeconds(20));
        assertThat(run.get("result").asText()).isEqualTo("passed");
        assertThat(owner("SlowSuite", number)).isNotEqualTo(owner);
    }

    private int indexOf(String owner) {
        for (int i = 0; i < replicas.size(); i++) {
            if (replicas.get(i).instanceId().equals(owner)) {
                return i;
            }
        }
        throw new AssertionError("no replica is " + owner);
    }

    private static JsonNode awaitFinished(Daemons replica, String suite, long number, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            JsonNode run = replica.run(suite, number);
            if (!run.get("result").asText().matches("pending|running")) {
                return run;
            }
            assertThat(Instant.now())
                    .as("run %s #%d finished within %s", suite, number, patience)
                    .isBefore(deadline);
            Runs.sleep();
        }
    }

    private String owner(String suite, long number) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, "");
                PreparedStatement query =
                        connection.prepareStatement("select owner from suite_run where suite = ? and number = ?")) {
            query.setString(1, suite);
            query.setLong(2, number);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private Map<String, Integer> runsByOwner() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, "");
                PreparedStatement query =
                        connection.prepareStatement("select owner, count(*) from suite_run group by owner");
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                counts.put(row.getString(1), row.getInt(2));
            }
        }
        return counts;
    }

    private static String json(Path path) {
        return path.toString().replace("\\", "\\\\");
    }
}
