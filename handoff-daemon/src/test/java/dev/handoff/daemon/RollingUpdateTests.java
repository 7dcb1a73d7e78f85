package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.ScheduledSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import dev.handoff.daemon.fixtures.TallySuite;
import dev.handoff.daemon.fixtures.TallySuite2;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on one PostgreSQL database that serve different suites, as during a rolling update
 * (old image and new image): no run fails and no schedule goes merely because it reached the
 * replica that lacks its suite; a suite no live replica has any more still ends its runs, saying why.
 */
class RollingUpdateTests {

    /** The keeper's period plus Quartz's failure detection, with a margin for a loaded machine. */
    private static final Duration SETTLES = Duration.ofSeconds(40);

    @TempDir
    Path work;

    private String url;
    private final List<Handoff> replicas = new ArrayList<>();

    @BeforeEach
    void database() {
        // Other test classes of this JVM may leave it released.
        SlowSuite.release = new CountDownLatch(1);
        url = PostgresServer.shared().newDatabase();
    }

    @AfterEach
    void stopReplicas() {
        SlowSuite.release.countDown();
        replicas.forEach(Handoff::close);
    }

    @Test
    void aReplicaLeavesTheRunsOfASuiteItLacksToTheReplicaThatHasIt() {
        Daemons old = replica("old", 4, TallySuite.class);
        Daemons updated = replica("new", 1, TallySuite.class, TallySuite2.class, SlowSuite.class);
        // The new replica's one slot is taken, so runs of its new suite wait where the old replica looks.
        long slow = updated.trigger("SlowSuite", "");
        updated.await("SlowSuite", slow, run -> run.get("result").asText().equals("running"), "running");

        long added = old.trigger("TallySuite2", "");
        long unmatched = old.trigger("TallySuite2", "filter=noSuchTest");
        Schedules.pause(Duration.ofSeconds(4));
        assertThat(old.run("TallySuite2", added).get("result").asText())
                .as("after the old replica's dispatcher looked 4 s")
                .isEqualTo("pending");
        assertThat(old.post("/suites/PassingSuite/runs").status())
                .as("a suite no replica has")
                .isEqualTo(404);
        SlowSuite.release.countDown();

        JsonNode run = updated.awaitFinished("TallySuite2", added);
        assertThat(run.get("result").asText()).isEqualTo("passed");
        assertThat(owner("TallySuite2", added)).isEqualTo(replicas.get(1).instanceId());
        JsonNode refused = old.awaitFinished("TallySuite2", unmatched);
        assertThat(refused.get("result").asText()).isEqualTo("failed");
        assertThat(refused.get("failure").get("message").asText())
                .isEqualTo("filter 'noSuchTest' matches none of the tests of suite 'TallySuite2': tally");
    }

    @Test
    void theRunsOfASuiteNoLiveReplicaHasEndFailedSayingWhy() {
        Daemons old = replica("old", 4, TallySuite.class);
        Daemons updated = replica("new", 1, TallySuite.class, TallySuite2.class, SlowSuite.class);
        long slow = updated.trigger("SlowSuite", "");
        updated.await("SlowSuite", slow, run -> run.get("result").asText().equals("running"), "running");
        long waiting = old.trigger("TallySuite2", "");

        // A rollback: the only replica with the new suites goes; its running run is handed back first.
        replicas.get(1).close();

        for (String suite : List.of("SlowSuite", "TallySuite2")) {
            long number = suite.equals("SlowSuite") ? slow : waiting;
            JsonNode run =
                    awaitRun(old, suite, number, r -> !r.get("result").asText().matches("pending|running"), SETTLES);
            assertThat(run.get("result").asText()).as(suite).isEqualTo("failed");
            assertThat(run.get("failure").get("message").asText())
                    .isEqualTo("suite '" + suite + "' is not deployed on any live replica of the cluster");
        }
        assertThat(old.post("/suites/TallySuite2/runs").status()).isEqualTo(404);
    }

    @Test
    void aDeclaredScheduleStaysWhileALiveReplicaDeclaresItAndGoesWithTheLast() {
        Daemons old = replica("old", 4, TallySuite.class, ScheduledSuite.class);
        assertThat(scheduleNames(old)).contains("ScheduledSuite", "twice");
        Daemons updated = replica("new", 4, TallySuite.class);

        Schedules.pause(Duration.ofSeconds(5));
        assertThat(scheduleNames(updated))
                .as("the new replica lacks ScheduledSuite, the old one still declares it")
                .contains("ScheduledSuite", "twice");
        assertThat(runsOf("ScheduledSuite", "schedule:ScheduledSuite").size())
                .as("runs of the every-1s schedule")
                .isGreaterThanOrEqualTo(2);
        assertThat(results("ScheduledSuite"))
                .as("fired on either replica, run by the old one")
                .doesNotContain("failed");

        replicas.get(0).close();

        Instant deadline = Instant.now().plus(SETTLES);
        while (!scheduleNames(updated).isEmpty()) {
            assertThat(Instant.now())
                    .as("the schedules of a suite no live replica has are deleted")
                    .isBefore(deadline);
            Runs.sleep();
        }
        while (results("ScheduledSuite").stream().anyMatch(result -> result.matches("pending|running"))) {
            assertThat(Instant.now())
                    .as("no run of ScheduledSuite stays unfinished")
                    .isBefore(deadline);
            Runs.sleep();
        }
    }

    @Test
    void aChangedScheduleTakesOverOnlyOnceNoLiveReplicaDeclaresTheOldOne() throws Exception {
        Path v1 = SuiteVersions.compile(work.resolve("v1"), "RolloutSuite", rolloutSuite("1h"));
        Path v2 = SuiteVersions.compile(work.resolve("v2"), "RolloutSuite", rolloutSuite("2h"));
        Daemons first = replica("v1-a", v1);
        JsonNode placed = first.get("/schedules/nightly").json();
        assertThat(placed.get("every").asText()).isEqualTo("1h");

        Daemons second = replica("v2", v2);
        Schedules.pause(Duration.ofSeconds(5));
        JsonNode kept = second.get("/schedules/nightly").json();
        assertThat(kept.get("every").asText())
                .as("the v1 replica is live and declares it")
                .isEqualTo("1h");
        assertThat(kept.get("startedAt").asText())
                .as("not placed again")
                .isEqualTo(placed.get("startedAt").asText());

        replicas.get(0).close();
        JsonNode changed =
                awaitSchedule(second, schedule -> schedule.get("every").asText().equals("2h"));
        assertThat(changed.get("declared").asBoolean()).isTrue();

        // An old replica restarting in the middle of the update does not put its version back.
        Daemons restarted = replica("v1-b", v1);
        Schedules.pause(Duration.ofSeconds(5));
        JsonNode after = restarted.get("/schedules/nightly").json();
        assertThat(after.get("every").asText()).isEqualTo("2h");
        assertThat(after.get("startedAt").asText())
                .isEqualTo(changed.get("startedAt").asText());
    }

    private static String rolloutSuite(String every) {
        return """
                import dev.handoff.api.HandoffSuite;
                import dev.handoff.api.Schedule;
                import org.junit.jupiter.api.Test;

                @HandoffSuite
                @Schedule(name = "nightly", every = "%s")
                public class RolloutSuite {
                    @Test
                    void passes() {}
                }
                """.formatted(every);
    }

    private Daemons replica(String name, int slots, Class<?>... suites) {
        return started(Daemons.local(work.resolve("data-" + name), suites).maxConcurrentRuns(slots));
    }

    private Daemons replica(String name, Path suitesPath) {
        return started(Daemons.local(work.resolve("data-" + name)).suitesPath(suitesPath));
    }

    private Daemons started(Handoff.Builder builder) {
        Handoff replica =
                Daemons.started(builder.database(url, PostgresServer.USER, "").shutdownGrace(Duration.ofMillis(200)));
        replicas.add(replica);
        return new Daemons(replica.url());
    }

    private static List<String> scheduleNames(Daemons replica) {
        JsonNode schedules = replica.get("/schedules").json();
        JsonNode list = schedules.isArray() ? schedules : schedules.get("schedules");
        return StreamSupport.stream(list.spliterator(), false)
                .map(schedule -> schedule.get("name").asText())
                .toList();
    }

    private static JsonNode awaitSchedule(Daemons replica, Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plus(SETTLES);
        while (true) {
            JsonNode schedule = replica.get("/schedules/nightly").json();
            if (condition.test(schedule)) {
                return schedule;
            }
            assertThat(Instant.now())
                    .as("schedule 'nightly' changed within %s: %s", SETTLES, schedule)
                    .isBefore(deadline);
            Runs.sleep();
        }
    }

    private static JsonNode awaitRun(
            Daemons replica, String suite, long number, Predicate<JsonNode> condition, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            JsonNode run = replica.run(suite, number);
            if (condition.test(run)) {
                return run;
            }
            assertThat(Instant.now())
                    .as("run %s #%d within %s: %s", suite, number, patience, run)
                    .isBefore(deadline);
            Runs.sleep();
        }
    }

    /** From the database: the run list of the API answers only where the suite is deployed. */
    private List<String> results(String suite) {
        return query("select result from suite_run where suite = ?", suite, null);
    }

    private List<String> runsOf(String suite, String initiatedBy) {
        return query("select result from suite_run where suite = ? and initiated_by = ?", suite, initiatedBy);
    }

    private String owner(String suite, long number) {
        return query("select owner from suite_run where suite = ? and number = " + number, suite, null)
                .getFirst();
    }

    private List<String> query(String sql, String first, String second) {
        try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, "");
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, first);
            if (second != null) {
                query.setString(2, second);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    values.add(row.getString(1));
                }
            }
            return values;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
