package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.ScheduledSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declared schedules ({@code @Schedule}) fire in a daemon of this process; runs are read over HTTP. */
class ScheduleFiringTests {

    @TempDir
    Path dataDir;

    private Handoff handoff;
    private Daemons http;

    @BeforeEach
    void start() {
        handoff = Daemons.started(Daemons.local(dataDir, ScheduledSuite.class));
        http = new Daemons(handoff.url());
    }

    @AfterEach
    void stop() {
        handoff.close();
    }

    @Test
    void declaredScheduleStartsRunsInitiatedByIt() {
        List<JsonNode> runs = Schedules.awaitRuns(http, "ScheduledSuite", "schedule:ScheduledSuite", 2);

        assertThat(runs)
                .allSatisfy(run -> assertThat(run.get("filter").isNull()).isTrue());
    }

    @Test
    void maxRunsRetiresTheScheduleAfterThatManyRuns() {
        List<JsonNode> runs = Schedules.awaitRuns(http, "ScheduledSuite", "schedule:twice", 2);
        Schedules.pause(Duration.ofMillis(2500));

        assertThat(Schedules.runsBy(http, "ScheduledSuite", "schedule:twice")).hasSize(2);
        assertThat(runs)
                .allSatisfy(run -> assertThat(run.get("filter").asText()).isEqualTo("passes"));
    }

    @Test
    void disabledScheduleIsNotRegistered() {
        Schedules.awaitRuns(http, "ScheduledSuite", "schedule:ScheduledSuite", 1);

        assertThat(StreamSupport.stream(Schedules.runs(http, "ScheduledSuite").spliterator(), false)
                        .map(run -> run.get("initiatedBy").asText()))
                .doesNotContain("schedule:ScheduledSuite-3");
    }
}
