package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.ScheduledSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Schedules over the REST API of a daemon in this process, on a free port. */
class ScheduleApiTests {

    private static final String SMOKE = "{\"suite\": \"PassingSuite\", \"every\": \"1s\", \"filter\": \"passes\"}";

    @TempDir
    Path dataDir;

    private Handoff handoff;
    private Daemons http;

    @BeforeEach
    void start() {
        SlowSuite.release = new CountDownLatch(1);
        restart(4);
    }

    private void restart(int maxConcurrentRuns) {
        if (handoff != null) {
            handoff.close();
        }
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class, ScheduledSuite.class, SlowSuite.class)
                .maxConcurrentRuns(maxConcurrentRuns));
        http = new Daemons(handoff.url());
    }

    @AfterEach
    void stop() {
        SlowSuite.release.countDown();
        handoff.close();
    }

    @Test
    void putCreatesAScheduleThatFiresAndIsListed() {
        Daemons.Response created = http.putJson("/schedules/smoke", SMOKE);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/schedules/smoke");
        assertThat(Schedules.awaitRuns(http, "PassingSuite", "schedule:smoke", 1))
                .allSatisfy(run -> assertThat(run.get("filter").asText()).isEqualTo("passes"));
        JsonNode smoke = schedule("smoke");
        assertThat(smoke.get("suite").asText()).isEqualTo("PassingSuite");
        assertThat(smoke.get("every").asText()).isEqualTo("1s");
        assertThat(smoke.get("state").asText()).isEqualTo("active");
        assertThat(smoke.get("declared").asBoolean()).isFalse();
        assertThat(smoke.get("runCount").asInt()).isPositive();
        assertThat(smoke.get("nextFireTime").isNull()).isFalse();
        assertThat(smoke.get("lastRun").get("initiatedBy").asText()).isEqualTo("schedule:smoke");
    }

    @Test
    void listShowsDeclaredAndApiSchedules() {
        http.putJson("/schedules/nightly", "{\"suite\": \"PassingSuite\", \"cron\": \"0 0 2 * * ?\"}");

        JsonNode schedules = http.get("/schedules").json().get("schedules");

        assertThat(StreamSupport.stream(schedules.spliterator(), false)
                        .map(s -> s.get("name").asText()))
                .containsExactly("ScheduledSuite", "nightly", "twice");
        assertThat(schedule("ScheduledSuite").get("declared").asBoolean()).isTrue();
        assertThat(schedule("nightly").get("cron").asText()).isEqualTo("0 0 2 * * ?");
    }

    @Test
    void putAgainReplacesTheSchedule() {
        http.putJson("/schedules/smoke", SMOKE);

        Daemons.Response replaced =
                http.putJson("/schedules/smoke", "{\"suite\": \"PassingSuite\", \"every\": \"@every 5m\"}");

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("every").asText()).isEqualTo("@every 5m");
        assertThat(replaced.json().get("filter").isNull()).isTrue();
    }

    @Test
    void deleteRemovesAnApiScheduleAndAnUnknownOneIs404() {
        http.putJson("/schedules/smoke", SMOKE);

        assertThat(http.delete("/schedules/smoke").status()).isEqualTo(204);
        assertThat(http.get("/schedules/smoke").status()).isEqualTo(404);
        assertThat(http.delete("/schedules/smoke").status()).isEqualTo(404);
    }

    @Test
    void declaredScheduleCannotBeDeletedOrReplaced() {
        Daemons.Response deleted = http.delete("/schedules/twice");
        Daemons.Response replaced = http.putJson("/schedules/twice", SMOKE);

        assertThat(deleted.status()).isEqualTo(409);
        assertThat(deleted.json().get("detail").asText()).contains("declared by a @Schedule on suite 'ScheduledSuite'");
        assertThat(replaced.status()).isEqualTo(409);
        assertThat(schedule("twice").get("suite").asText()).isEqualTo("ScheduledSuite");
    }

    @Test
    void pausedScheduleDoesNotFireUntilResumed() {
        http.putJson("/schedules/smoke", SMOKE);
        Schedules.awaitRuns(http, "PassingSuite", "schedule:smoke", 1);

        assertThat(http.post("/schedules/smoke/pause").json().get("state").asText())
                .isEqualTo("paused");
        Schedules.pause(Duration.ofMillis(300)); // a fire that began before the pause may still add its run
        int before = Schedules.runsBy(http, "PassingSuite", "schedule:smoke").size();
        Schedules.pause(Duration.ofMillis(2500));
        assertThat(Schedules.runsBy(http, "PassingSuite", "schedule:smoke")).hasSize(before);

        assertThat(http.post("/schedules/smoke/resume").json().get("state").asText())
                .isEqualTo("active");
        Schedules.awaitRuns(http, "PassingSuite", "schedule:smoke", before + 1);
    }

    /** The list reads Quartz's table and the last runs in one go; a schedule's own page asks Quartz and the run one by one. */
    @Test
    void theListShowsEachScheduleAsItsOwnAddressDoes() {
        http.putJson("/schedules/nightly", "{\"suite\": \"PassingSuite\", \"cron\": \"0 0 2 * * ?\"}");
        Schedules.awaitRuns(http, "ScheduledSuite", "schedule:twice", 2);
        Schedules.awaitRuns(http, "ScheduledSuite", "schedule:ScheduledSuite", 1);
        assertThat(http.post("/schedules/ScheduledSuite/pause").status()).isEqualTo(200);
        Schedules.pause(Duration.ofSeconds(1));
        Schedules.runs(http, "ScheduledSuite")
                .forEach(run ->
                        http.awaitFinished("ScheduledSuite", run.get("number").asLong()));

        JsonNode schedules = http.get("/schedules").json().get("schedules");

        assertThat(StreamSupport.stream(schedules.spliterator(), false)
                        .map(s -> s.get("state").asText()))
                .containsExactly("paused", "active", "completed");
        // Only its own address shows its recent fires.
        assertThat(schedules)
                .allSatisfy(listed -> assertThat(listed)
                        .isEqualTo(((ObjectNode) schedule(listed.get("name").asText())).without("recentFires")));
        assertThat(schedules.get(0).get("lastRun").get("result").asText()).isEqualTo("passed");
        assertThat(schedules.get(1).get("nextFireTime").isNull()).isFalse();
    }

    @Test
    void declaredScheduleCanBePaused() {
        assertThat(http.post("/schedules/ScheduledSuite/pause").status()).isEqualTo(200);
        assertThat(schedule("ScheduledSuite").get("state").asText()).isEqualTo("paused");
    }

    @Test
    void completedScheduleIsShownSoAndCannotBeResumed() {
        Schedules.awaitRuns(http, "ScheduledSuite", "schedule:twice", 2);
        Schedules.pause(Duration.ofMillis(300));

        JsonNode twice = schedule("twice");
        assertThat(twice.get("state").asText()).isEqualTo("completed");
        assertThat(twice.get("runCount").asInt()).isEqualTo(2);
        assertThat(twice.get("nextFireTime").isNull()).isTrue();
        assertThat(http.post("/schedules/twice/resume").status()).isEqualTo(409);
    }

    @Test
    void schedulesTheirCountsAndPauseStateSurviveARestart() {
        http.putJson("/schedules/smoke", SMOKE);
        http.putJson("/schedules/held", "{\"suite\": \"PassingSuite\", \"every\": \"1s\"}");
        http.post("/schedules/held/pause");
        Schedules.awaitRuns(http, "PassingSuite", "schedule:smoke", 2);
        handoff.close();

        restart(4);

        JsonNode smoke = schedule("smoke");
        assertThat(smoke.get("runCount").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(smoke.get("filter").asText()).isEqualTo("passes");
        assertThat(schedule("held").get("state").asText()).isEqualTo("paused");
        int before = Schedules.runsBy(http, "PassingSuite", "schedule:smoke").size();
        Schedules.awaitRuns(http, "PassingSuite", "schedule:smoke", before + 1);
    }

    @Test
    void afterDowntimeAScheduleFiresOnceNotOncePerMissedTick() {
        http.putJson("/schedules/smoke", SMOKE);
        Schedules.awaitRuns(http, "PassingSuite", "schedule:smoke", 1);
        handoff.close();
        Schedules.pause(ScheduleFiresTests.LONGER_THAN_MISFIRE); // shorter downtime only makes fires late

        restart(4);
        int before = Schedules.runsBy(http, "PassingSuite", "schedule:smoke").size();
        Schedules.pause(Duration.ofMillis(700));

        assertThat(Schedules.runsBy(http, "PassingSuite", "schedule:smoke").size() - before)
                .isLessThanOrEqualTo(1);
    }

    @Test
    void fireWhileThePreviousRunWaitsIsSkippedAndCounted() {
        restart(1);
        http.putJson("/schedules/slow", "{\"suite\": \"SlowSuite\", \"every\": \"1s\"}");
        Schedules.awaitRuns(http, "SlowSuite", "schedule:slow", 2);
        Schedules.pause(Duration.ofMillis(2500));

        assertThat(Schedules.runsBy(http, "SlowSuite", "schedule:slow")).hasSize(2);
        JsonNode slow = schedule("slow");
        assertThat(slow.get("runCount").asInt()).isEqualTo(2);
        assertThat(slow.get("skippedFires").asInt()).isPositive();
        assertThat(slow.get("lastRun").get("result").asText()).isEqualTo("pending");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"suite": "PassingSuite", "cron": "0 */5 * * *"}                       | 400 | cron
            {"suite": "PassingSuite", "cron": "61 * * * * ?"}                      | 400 | cron
            {"suite": "PassingSuite", "cron": "0 0 0 1 1 ? 2001"}                  | 400 | cron
            {"suite": "PassingSuite", "every": "500ms"}                            | 400 | every
            {"suite": "PassingSuite", "every": "soon"}                             | 400 | every
            {"suite": "PassingSuite", "every": "1s", "cron": "* * * * * ?"}        | 400 | every
            {"suite": "PassingSuite"}                                              | 400 | cron
            {"every": "1s"}                                                        | 400 | suite
            {"suite": "NoSuchSuite", "every": "1s"}                                | 404 |
            {"suite": "PassingSuite", "every": "1s", "filter": "nothing"}          | 400 | filter
            {"suite": "PassingSuite", "every": "1s", "filter": "("}                | 400 | filter
            {"suite": "PassingSuite", "every": "1s", "maxRuns": -1}                | 400 | maxRuns
            {"suite": "PassingSuite", "every": "1s", "until": "someday"}           | 400 | until
            {"suite": "PassingSuite", "every": "1s", "until": "2001-01-01T00:00:00Z"} | 400 | until
            {"suite": "PassingSuite", "every": "1s", "color": "red"}               | 400 | color
            """)
    void badScheduleIsRefusedAndLeavesNothingBehind(String body, int status, String parameter) {
        Daemons.Response refused = http.putJson("/schedules/bad", body);

        assertThat(refused.status()).isEqualTo(status);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        if (parameter != null) {
            assertThat(refused.json().get("parameter").asText()).isEqualTo(parameter);
        }
        assertThat(http.get("/schedules/bad").status()).isEqualTo(404);
    }

    @Test
    void cronRefusalCarriesQuartzReason() {
        Daemons.Response refused =
                http.putJson("/schedules/bad", "{\"suite\": \"PassingSuite\", \"cron\": \"61 * * * * ?\"}");

        assertThat(refused.json().get("detail").asText())
                .startsWith("cron '61 * * * * ?' is not a Quartz cron expression")
                .contains("Minute and Second values must be between 0 and 59");
    }

    @Test
    void refusedReplacementKeepsTheScheduleAsItWas() {
        http.putJson("/schedules/smoke", SMOKE);

        assertThat(http.putJson("/schedules/smoke", "{\"suite\": \"PassingSuite\", \"every\": \"0s\"}")
                        .status())
                .isEqualTo(400);

        assertThat(schedule("smoke").get("every").asText()).isEqualTo("1s");
    }

    private JsonNode schedule(String name) {
        Daemons.Response response = http.get("/schedules/" + Daemons.segment(name));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
