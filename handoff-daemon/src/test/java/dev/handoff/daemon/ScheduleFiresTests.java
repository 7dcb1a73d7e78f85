package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.PassingSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schedule's recent fires (its JSON, its page, the lateness metric) and the no-loss rule: a
 * schedule that missed its time by more than the misfire threshold (5 s) fires once, then keeps
 * its times, whether it was paused or its daemon was down. {@link ClusterScheduleTests} checks the
 * same for a replica that dies.
 */
class ScheduleFiresTests {

    static final String BEAT = "{\"suite\": \"PassingSuite\", \"every\": \"1s\"}";
    /** Longer than the misfire threshold, so that a missed tick is a misfire, not just a late fire. */
    static final Duration LONGER_THAN_MISFIRE = Duration.ofSeconds(6);

    @TempDir
    Path dataDir;

    private Handoff handoff;
    private Daemons http;

    @BeforeEach
    void start() {
        restart();
    }

    private void restart() {
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class));
        http = new Daemons(handoff.url());
    }

    @AfterEach
    void stop() {
        handoff.close();
    }

    @Test
    void scheduleJsonShowsItsRecentFiresWithTheirLatenessAndRuns() {
        http.putJson("/schedules/beat", BEAT);
        Schedules.awaitRuns(http, "PassingSuite", "schedule:beat", 2);

        JsonNode beat = http.get("/schedules/beat").json();

        assertThat(beat.get("name").asText()).isEqualTo("beat");
        List<JsonNode> fires = list(beat.get("recentFires"));
        assertThat(fires).hasSizeGreaterThanOrEqualTo(2);
        assertThat(fires).allSatisfy(fire -> {
            assertThat(fire.get("replica").asText()).isEqualTo(handoff.instanceId());
            assertThat(fire.get("latenessMillis").asLong()).isNotNegative();
            assertThat(Duration.between(
                                    Instant.parse(fire.get("scheduledAt").asText()),
                                    Instant.parse(fire.get("firedAt").asText()))
                            .toMillis())
                    .isGreaterThanOrEqualTo(fire.get("latenessMillis").asLong());
        });
        JsonNode ran = fires.stream()
                .filter(fire -> fire.get("outcome").asText().equals("run"))
                .findFirst()
                .orElseThrow();
        assertThat(http.run("PassingSuite", ran.get("run").asLong())
                        .get("initiatedBy")
                        .asText())
                .isEqualTo("schedule:beat");
        assertThat(ran.get("runUrl").asText())
                .isEqualTo("/suites/PassingSuite/runs/" + ran.get("run").asLong());
        assertThat(Instant.parse(fires.get(0).get("scheduledAt").asText()))
                .as("the latest first")
                .isAfter(Instant.parse(fires.get(1).get("scheduledAt").asText()));
    }

    @Test
    void schedulePageShowsItsRecentFires() {
        http.putJson("/schedules/beat", BEAT);
        Schedules.awaitRuns(http, "PassingSuite", "schedule:beat", 1);

        Daemons.Response page = http.page("/schedules/beat");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body())
                .contains("<h1>beat ")
                .contains("Recent fires")
                .containsPattern("<td class=\"lateness\">\\d+ ms</td>")
                .contains("href=\"/suites/PassingSuite/runs/1\"");
        assertThat(http.page("/schedules").body()).contains("href=\"/schedules/beat\"");
    }

    @Test
    void latenessOfFiresIsAHistogramPerScheduleInTheMetrics() {
        http.putJson("/schedules/beat", BEAT);
        Schedules.awaitRuns(http, "PassingSuite", "schedule:beat", 2);

        String scrape = http.get("/metrics").body();

        assertThat(scrape)
                .containsPattern("handoff_schedule_fire_lateness_seconds_bucket\\{schedule=\"beat\",le=\"0\\.1\"} \\d")
                .containsPattern("handoff_schedule_fire_lateness_seconds_count\\{schedule=\"beat\"} [1-9]");
        http.delete("/schedules/beat");
        assertThat(http.get("/metrics").body()).doesNotContain("schedule=\"beat\"");
    }

    @Test
    void firesHandedOutAheadOfTimeStartNoEarlierThanDue() {
        // Made together, their times are within Quartz's fire-ahead window: it hands them out in one
        // pass, the later ones early, and each waits for its own time.
        for (int i = 1; i <= 4; i++) {
            http.putJson("/schedules/beat-" + i, BEAT);
        }
        Schedules.awaitRuns(http, "PassingSuite", "schedule:beat-4", 2);

        for (int i = 1; i <= 4; i++) {
            List<JsonNode> fires = list(http.get("/schedules/beat-" + i).json().get("recentFires"));
            assertThat(fires)
                    .isNotEmpty()
                    .allSatisfy(
                            fire -> assertThat(Instant.parse(fire.get("firedAt").asText()))
                                    .as(
                                            "began to handle the fire due at %s",
                                            fire.get("scheduledAt").asText())
                                    .isAfterOrEqualTo(Instant.parse(
                                            fire.get("scheduledAt").asText())));
        }
    }

    @Test
    void pausedThenResumedScheduleFiresOnceThenKeepsItsTimes() {
        http.putJson("/schedules/beat", BEAT);
        Schedules.awaitRuns(http, "PassingSuite", "schedule:beat", 1);
        http.post("/schedules/beat/pause");
        Schedules.pause(LONGER_THAN_MISFIRE);

        Instant resumed = Instant.now();
        http.post("/schedules/beat/resume");
        Schedules.pause(Duration.ofMillis(3500));

        assertOneCatchUpFireThenEveryTick(fires(), resumed, false);
    }

    @Test
    void scheduleAfterARestartFiresOnceThenKeepsItsTimes() {
        http.putJson("/schedules/beat", BEAT);
        Schedules.awaitRuns(http, "PassingSuite", "schedule:beat", 1);
        handoff.close();
        Schedules.pause(LONGER_THAN_MISFIRE);

        Instant restarted = Instant.now();
        restart();
        Schedules.pause(Duration.ofMillis(3500));

        assertOneCatchUpFireThenEveryTick(fires(), restarted, false);
    }

    private List<JsonNode> fires() {
        return list(http.get("/schedules/beat").json().get("recentFires"));
    }

    /**
     * The fires of an every-1s schedule, the latest first, around a time it could not fire: before
     * it they are a second apart; then one fire closes the gap (the catch-up fire, handled right
     * after {@code back}); after it they are a second apart again. A second catch-up fire would
     * show as two fires less than a second apart, a lost tick as a second gap.
     *
     * @param gapMayBeClosed whether there may be no gap at all: a replica that died before it took
     *     the schedule's next fire leaves it to the survivors, on time
     */
    static void assertOneCatchUpFireThenEveryTick(List<JsonNode> latestFirst, Instant back, boolean gapMayBeClosed) {
        List<Instant> due = latestFirst.reversed().stream()
                .map(fire -> Instant.parse(fire.get("scheduledAt").asText()))
                .toList();
        assertThat(latestFirst.stream()
                        .filter(fire ->
                                Instant.parse(fire.get("scheduledAt").asText()).isAfter(back)))
                .as("every fire since handled")
                .allSatisfy(fire -> assertThat(fire.get("outcome").asText()).isIn("run", "skipped"));
        List<Instant> after = due.stream().filter(at -> at.isAfter(back)).toList();
        assertThat(after).as("fires since %s: %s", back, due).hasSizeGreaterThanOrEqualTo(3);
        int gaps = 0;
        for (int i = 1; i < due.size(); i++) {
            long apart = Duration.between(due.get(i - 1), due.get(i)).toMillis();
            assertThat(apart).as("fires due %s", due).isGreaterThanOrEqualTo(1000);
            if (apart > 1000) {
                gaps++;
                assertThat(due.get(i))
                        .as("the catch-up fire, due once it could fire again: %s", due)
                        .isAfter(back.minusSeconds(1));
            }
        }
        assertThat(gaps).as("one gap, closed by one catch-up fire: %s", due).isBetween(gapMayBeClosed ? 0 : 1, 1);
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
