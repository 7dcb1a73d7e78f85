package dev.handoff.daemon.web.html;

import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.run.TestCounts;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How times, durations and maps read on pages. */
final class Format {

    private Format() {}

    /** {@code 2025-01-31T12:00:05Z}: UTC, to the second, sortable, the same for every reader. */
    static String instant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code 850 ms}, {@code 4.2 s}, {@code 3 min 7 s}, {@code 2 h 5 min}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return "%.1f s".formatted(millis / 1000.0);
        }
        if (duration.toHours() < 1) {
            return "%d min %d s".formatted(duration.toMinutes(), duration.toSecondsPart());
        }
        return "%d h %d min".formatted(duration.toHours(), duration.toMinutesPart());
    }

    /** {@code env=staging, card=amex}; empty for no entries. */
    static String entries(Map<String, String> map) {
        return map.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    /** What a finished run's tests did; nothing before they finished, when all counts are zero. */
    static String counts(SuiteRun run) {
        TestCounts counts = run.counts();
        if (!run.result().isFinished() || counts.total() == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        parts.add(counts.passed() + " passed");
        if (counts.failed() > 0) {
            parts.add(counts.failed() + " failed");
        }
        if (counts.softFailed() > 0) {
            parts.add(counts.softFailed() + " soft-failed");
        }
        if (counts.skipped() > 0) {
            parts.add(counts.skipped() + " skipped");
        }
        if (counts.flaky() > 0) {
            parts.add(counts.flaky() + " flaky");
        }
        return String.join(", ", parts);
    }
}
