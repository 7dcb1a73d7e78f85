package dev.handoff.daemon.web.html;

import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How times, durations, rates and results read on pages. Public for the templates, which are
 * generated into a package of their own; every method returns plain text that the templates escape.
 */
public final class Format {

    private Format() {}

    /** {@code 2025-01-31T12:00:05Z}: UTC, to the second, sortable, the same for every reader. */
    public static String instant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code 850 ms}, {@code 4.2 s}, {@code 3 min 7 s}, {@code 2 h 5 min}. */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (duration.toHours() < 1) {
            return "%d min %d s".formatted(duration.toMinutes(), duration.toSecondsPart());
        }
        return "%d h %d min".formatted(duration.toHours(), duration.toMinutesPart());
    }

    /** A duration, or {@code fallback} when there is none (a run not started yet). */
    public static String duration(Optional<Duration> duration, String fallback) {
        return duration.map(Format::duration).orElse(fallback);
    }

    /** {@code 97%}; {@code 99.5%} keeps one decimal only below 100 and above 99. */
    public static String percent(double share) {
        double percent = share * 100;
        if (percent > 99 && percent < 100) {
            return String.format(Locale.ROOT, "%.1f%%", percent);
        }
        return Math.round(percent) + "%";
    }

    /** {@code env=staging, card=amex}; empty for no entries. */
    public static String entries(Map<String, String> map) {
        return map.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    /**
     * The symbol that goes with a result's word, so that a result never reads by colour alone:
     * ✓ passed, ✗ failed, ≈ flaky, ▶ running, … pending, ⊘ cancelled, ⚠ soft-failed, ↻ retrying, ↷ skipped, ⏱ timed-out (a gate).
     */
    public static String symbol(String result) {
        return switch (result) {
            case "passed" -> "✓";
            case "failed" -> "✗";
            case "flaky" -> "≈";
            case "running" -> "▶";
            case "pending" -> "…";
            case "cancelled" -> "⊘";
            case "soft-failed" -> "⚠";
            case "retrying" -> "↻";
            case "skipped" -> "↷";
            case "timed-out" -> "⏱";
            default -> "?";
        };
    }

    /** {@code , 2 soft-failed} for a run with soft failures, else nothing: what a run's result alone hides. */
    public static String softFailures(SuiteRun run) {
        int soft = run.counts().softFailed();
        return soft == 0 ? "" : ", " + soft + " soft-failed";
    }

    /** What a run's tests did, so far while it runs; nothing before a test finished. */
    public static String counts(SuiteRun run) {
        TestCounts counts = run.counts();
        if (counts.total() == 0) {
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

    /** A log's lines, for the test page to show one by one (and its search to hide the others). */
    public static List<String> lines(String log) {
        if (log.isEmpty()) {
            return List.of();
        }
        String text = log.endsWith("\n") ? log.substring(0, log.length() - 1) : log;
        return List.of(text.split("\r?\n", -1));
    }
}
