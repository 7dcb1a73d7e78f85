package dev.handoff.daemon.web;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How times and durations read on pages. */
final class Format {

    private Format() {}

    /** {@code 2025-01-31T12:00:05Z}: UTC, to the second, sortable. */
    static String instant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code 850 ms}, {@code 4.2 s}, {@code 3 min 7 s}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return "%.1f s".formatted(millis / 1000.0);
        }
        return "%d min %d s".formatted(duration.toMinutes(), duration.toSecondsPart());
    }
}
