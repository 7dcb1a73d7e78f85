package dev.handoff.daemon.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.daemon.model.InvalidParameterException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quartz.CronExpression;

/**
 * The Go project's schedule strings (robfig/cron with seconds) as a schedule's {@code cron}: each
 * form becomes the Quartz expression or interval that fires at the same times, and what neither
 * grammar reads is refused naming {@code cron}.
 */
class GoCronTests {

    /** A Sunday. */
    private static final Instant FROM = Instant.parse("2026-03-15T10:20:30Z");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            */5 * * * * *       | */5 * * * * ?       | 2026-03-15T10:20:35Z 2026-03-15T10:20:40Z 2026-03-15T10:20:45Z
            0 */5 * * * *       | 0 */5 * * * ?       | 2026-03-15T10:25:00Z 2026-03-15T10:30:00Z 2026-03-15T10:35:00Z
            0 30 9 * * 1-5      | 0 30 9 ? * 2-6      | 2026-03-16T09:30:00Z 2026-03-17T09:30:00Z 2026-03-18T09:30:00Z
            0 0 0 * * 0         | 0 0 0 ? * 1         | 2026-03-22T00:00:00Z 2026-03-29T00:00:00Z 2026-04-05T00:00:00Z
            0 0 6 * * sat,SUN   | 0 0 6 ? * SAT,SUN   | 2026-03-21T06:00:00Z 2026-03-22T06:00:00Z 2026-03-28T06:00:00Z
            0 0 0 * * */2       | 0 0 0 ? * 1/2       | 2026-03-17T00:00:00Z 2026-03-19T00:00:00Z 2026-03-21T00:00:00Z
            0 0 0 * * 1/3       | 0 0 0 ? * 2/3       | 2026-03-16T00:00:00Z 2026-03-19T00:00:00Z 2026-03-23T00:00:00Z
            0 0 12 1 * *        | 0 0 12 1 * ?        | 2026-04-01T12:00:00Z 2026-05-01T12:00:00Z 2026-06-01T12:00:00Z
            0 0 12 1,15 jan-jun ? | 0 0 12 1,15 jan-jun ? | 2026-03-15T12:00:00Z 2026-04-01T12:00:00Z 2026-04-15T12:00:00Z
            @yearly             | 0 0 0 1 1 ?         | 2027-01-01T00:00:00Z 2028-01-01T00:00:00Z 2029-01-01T00:00:00Z
            @annually           | 0 0 0 1 1 ?         | 2027-01-01T00:00:00Z 2028-01-01T00:00:00Z 2029-01-01T00:00:00Z
            @monthly            | 0 0 0 1 * ?         | 2026-04-01T00:00:00Z 2026-05-01T00:00:00Z 2026-06-01T00:00:00Z
            @weekly             | 0 0 0 ? * SUN       | 2026-03-22T00:00:00Z 2026-03-29T00:00:00Z 2026-04-05T00:00:00Z
            @daily              | 0 0 0 * * ?         | 2026-03-16T00:00:00Z 2026-03-17T00:00:00Z 2026-03-18T00:00:00Z
            @midnight           | 0 0 0 * * ?         | 2026-03-16T00:00:00Z 2026-03-17T00:00:00Z 2026-03-18T00:00:00Z
            @hourly             | 0 0 * * * ?         | 2026-03-15T11:00:00Z 2026-03-15T12:00:00Z 2026-03-15T13:00:00Z
            0 0 */6 ? * ?       | 0 0 */6 * * ?       | 2026-03-15T12:00:00Z 2026-03-15T18:00:00Z 2026-03-16T00:00:00Z
            """)
    void aGoCronFiresWhenGoFiredIt(String go, String quartz, String fires) {
        CronExpression cron = ScheduleChecks.cron(go).cron().orElseThrow();

        assertThat(cron.getCronExpression()).isEqualToIgnoringCase(quartz);
        assertThat(nextFires(cron, 3)).isEqualTo(List.of(fires.split(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0 0 2 * * ?", "0 */5 * * * ?", "0 15 10 ? * MON-FRI", "0 0 12 ? * 1 2030"})
    void aQuartzExpressionStaysAsWritten(String quartz) {
        assertThat(ScheduleChecks.cron(quartz).cron().orElseThrow().getCronExpression())
                .isEqualTo(quartz);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "@every 1.5s, PT1.5S",
        "@every 1s, PT1S",
        "@every 1h30m, PT1H30M",
        "@every 2h45m30.25s, PT2H45M30.25S",
        "@every 1500ms, PT1.5S",
        "@every .5m, PT30S",
        "@every 90000000us, PT1M30S",
        "@EVERY 10s, PT10S"
    })
    void everyWithAGoDurationIsAnInterval(String go, Duration interval) {
        ScheduleChecks.Timing timing = ScheduleChecks.cron(go);

        assertThat(timing.cron()).isEmpty();
        assertThat(timing.interval()).contains(interval);
    }

    @ParameterizedTest(name = "every: {0} -> {1}")
    @CsvSource({"1.5s, PT1.5S", "2.5m, PT2M30S", "5m, PT5M", "@every 1.25s, PT1.25S", "1d, PT24H"})
    void theEveryFieldTakesGoDurationsToo(String every, Duration interval) {
        assertThat(ScheduleChecks.every(every)).isEqualTo(interval);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            @every 500ms         | shorter than the shortest interval, 1s
            @every 0.999s        | shorter than the shortest interval, 1s
            @every 1.5           | is not a Go duration
            @every               | a Go duration such as 1.5s, 1h30m or 500ms is missing
            @every 1d            | is not a Go duration
            @fortnightly         | is not a descriptor; the Go project's are @yearly
            0 0 0 1 * 1          | restricts both day-of-month (1) and day-of-week (1)
            0 0 0 */2 * 1        | restricts both day-of-month (*/2) and day-of-week (1)
            0 0 0 * * 7          | beyond Go cron's 0-6 (0 = Sunday)
            0 0 0 * * 1#2        | is not of Go cron's forms
            * * * *              | Go cron has 6 fields
            */0 * * * * *        | steps by 0
            61 * * * * *         | nor a Go one
            61 * * * * ?         | is not a Quartz cron expression
            """)
    void whatNeitherGrammarReadsIsRefusedNamingCron(String cron, String reason) {
        assertThatThrownBy(() -> ScheduleChecks.cron(cron))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("cron");
                    assertThat(e.getMessage())
                            .contains("'" + cron.strip() + "'")
                            .contains(reason);
                });
    }

    @ParameterizedTest(name = "every: {0}")
    @ValueSource(strings = {"0.5s", "999ms", "1.5", "1.5x", "-1s"})
    void anEveryGoCannotReadOrBelowOneSecondIsRefusedNamingEvery(String every) {
        assertThatThrownBy(() -> ScheduleChecks.every(every))
                .isInstanceOfSatisfying(
                        InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("every"));
    }

    private static List<String> nextFires(CronExpression cron, int count) {
        cron.setTimeZone(TimeZone.getTimeZone("UTC"));
        List<String> fires = new ArrayList<>();
        Date at = Date.from(FROM);
        for (int i = 0; i < count; i++) {
            at = cron.getNextValidTimeAfter(at);
            fires.add(at.toInstant().toString());
        }
        return fires;
    }
}
