package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.PassingSuite;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Go project's schedule strings over the REST API: each form is taken as written, shown as
 * written, and fires when Go fired it; what neither Quartz nor Go reads is a 400 naming {@code
 * cron}. ({@code GoCronTests} checks every form's translation and next fire times.)
 */
class GoSchedulesTests {

    @TempDir
    Path dataDir;

    private Handoff handoff;
    private Daemons http;

    @BeforeEach
    void start() {
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class));
        http = new Daemons(handoff.url());
    }

    @AfterEach
    void stop() {
        handoff.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"*/1 * * * * *", "@every 1.5s"})
    void aGoScheduleFires(String cron) {
        Daemons.Response created =
                http.putJson("/schedules/go", "{\"suite\": \"PassingSuite\", \"cron\": \"" + cron + "\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(Schedules.awaitRuns(http, "PassingSuite", "schedule:go", 2)).hasSizeGreaterThanOrEqualTo(2);
        JsonNode schedule = http.get("/schedules/go").json();
        assertThat(schedule.get("cron").asText()).isEqualTo(cron);
        assertThat(schedule.get("state").asText()).isEqualTo("active");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "@hourly, 0, -1",
        "@daily, 0, 0",
        "@midnight, 0, 0",
        "0 30 9 * * 1-5, 30, 9",
        "0 0 12 * * *, 0, 12",
    })
    void aGoScheduleIsShownAsWrittenAndFiresOnGosTimes(String cron, int minute, int hour) {
        Daemons.Response created =
                http.putJson("/schedules/go", "{\"suite\": \"PassingSuite\", \"cron\": \"" + cron + "\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode schedule = http.get("/schedules/go").json();
        assertThat(schedule.get("cron").asText()).isEqualTo(cron);
        ZonedDateTime next =
                Instant.parse(schedule.get("nextFireTime").asText()).atZone(ZoneId.systemDefault());
        assertThat(next.getSecond()).isZero();
        assertThat(next.getMinute()).isEqualTo(minute);
        if (hour >= 0) {
            assertThat(next.getHour()).isEqualTo(hour);
        }
        if (cron.endsWith("1-5")) {
            assertThat(next.getDayOfWeek().getValue()).isBetween(1, 5);
        }
    }

    @Test
    void theEveryFieldTakesGoFractions() {
        Daemons.Response created = http.putJson("/schedules/go", "{\"suite\": \"PassingSuite\", \"every\": \"1.5s\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(Schedules.awaitRuns(http, "PassingSuite", "schedule:go", 1)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0 0 0 1 * 1    | Quartz cannot combine
            @fortnightly   | is not a descriptor
            @every 500ms   | shorter than the shortest interval, 1s
            @every 2d      | is not a Go duration
            * * * *        | Go cron has 6 fields
            0 0 0 * * 7    | beyond Go cron's 0-6
            """)
    void whatNeitherGrammarReadsIsA400NamingCron(String cron, String reason) {
        Daemons.Response refused =
                http.putJson("/schedules/go", "{\"suite\": \"PassingSuite\", \"cron\": \"" + cron + "\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("parameter").asText()).isEqualTo("cron");
        assertThat(refused.json().get("detail").asText()).contains(cron).contains(reason);
        assertThat(http.get("/schedules/go").status()).isEqualTo(404);
    }
}
