package dev.handoff.daemon.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.handoff.daemon.model.InvalidParameterException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Fuzzes what a schedule's text fields go through: cron, interval ({@code every}, the daemon's
 * duration syntax) and {@code until}. Each is parsed or refused naming its field, never another
 * exception. A plain build runs the stored inputs only; {@code JAZZER_FUZZ=1} fuzzes (README).
 */
class ScheduleParsingFuzzTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @FuzzTest(maxDuration = "20s")
    void cronIsParsedOrRefusedNamingCron(@NotNull String text) {
        try {
            assertThat(ScheduleChecks.cron(text)).isNotNull();
        } catch (InvalidParameterException e) {
            assertThat(e.parameter()).isEqualTo("cron");
        }
    }

    @FuzzTest(maxDuration = "20s")
    void intervalIsParsedOrRefusedNamingEvery(@NotNull String text) {
        try {
            Duration every = ScheduleChecks.every(text);
            assertThat(every).isGreaterThanOrEqualTo(ScheduleChecks.SHORTEST_INTERVAL);
        } catch (InvalidParameterException e) {
            assertThat(e.parameter()).isEqualTo("every");
        }
    }

    @FuzzTest(maxDuration = "20s")
    void untilIsParsedOrRefusedNamingUntil(@NotNull String text) {
        try {
            assertThat(ScheduleChecks.until(Optional.of(text), NOW)).isPresent();
        } catch (InvalidParameterException e) {
            assertThat(e.parameter()).isEqualTo("until");
        }
    }
}
