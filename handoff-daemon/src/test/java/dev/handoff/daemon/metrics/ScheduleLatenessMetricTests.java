package dev.handoff.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code handoff_schedule_fire_lateness_seconds}: one series per schedule, at most 100 of them. */
class ScheduleLatenessMetricTests {

    private static final Pattern SERIES =
            Pattern.compile("handoff_schedule_fire_lateness_seconds_count\\{schedule=\"([^\"]+)\"} (\\S+)");

    private final DaemonMetrics metrics = new DaemonMetrics("test");

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void eachFireIsCountedInItsBucketUnderItsSchedule() {
        metrics.scheduleFired("beat", Duration.ofMillis(30));
        metrics.scheduleFired("beat", Duration.ofMillis(700));

        String scrape = metrics.scrape();

        assertThat(scrape)
                .contains("handoff_schedule_fire_lateness_seconds_bucket{schedule=\"beat\",le=\"0.05\"} 1")
                .contains("handoff_schedule_fire_lateness_seconds_bucket{schedule=\"beat\",le=\"1.0\"} 2")
                .contains("handoff_schedule_fire_lateness_seconds_count{schedule=\"beat\"} 2");
    }

    @Test
    void schedulesBeyondTheFirstHundredShareOneSeries() {
        for (int i = 1; i <= DaemonMetrics.SCHEDULE_LABELS + 5; i++) {
            metrics.scheduleFired("s" + i, Duration.ZERO);
        }

        String scrape = metrics.scrape();

        assertThat(series(scrape)).as("100 schedules and _other").isEqualTo(DaemonMetrics.SCHEDULE_LABELS + 1);
        assertThat(scrape)
                .contains("handoff_schedule_fire_lateness_seconds_count{schedule=\"_other\"} 5")
                .doesNotContain("schedule=\"s" + (DaemonMetrics.SCHEDULE_LABELS + 1) + "\"");
    }

    @Test
    void aDeletedScheduleFreesItsSeriesForAnother() {
        for (int i = 1; i < DaemonMetrics.SCHEDULE_LABELS; i++) {
            metrics.scheduleFired("s" + i, Duration.ZERO);
        }
        metrics.scheduleFired("late", Duration.ZERO);
        metrics.scheduleDeleted("s1");

        metrics.scheduleFired("new", Duration.ZERO);

        String scrape = metrics.scrape();
        assertThat(scrape)
                .doesNotContain("schedule=\"s1\"")
                .contains("handoff_schedule_fire_lateness_seconds_count{schedule=\"new\"} 1");
    }

    private static long series(String scrape) {
        Matcher matcher = SERIES.matcher(scrape);
        long count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
