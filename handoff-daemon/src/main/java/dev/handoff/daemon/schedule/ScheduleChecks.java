package dev.handoff.daemon.schedule;

import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.ScheduleDefinition;
import dev.handoff.engine.internal.Durations;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.quartz.CronExpression;

/**
 * Checks what a schedule's author wrote and turns it into what Quartz takes. Every refusal names
 * the field at fault (as {@link InvalidParameterException#parameter()}) and says why in the
 * author's words; a cron expression's reason is Quartz's own.
 */
final class ScheduleChecks {

    static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(1);
    static final int MAX_NAME_LENGTH = 200;
    private static final String EVERY_PREFIX = "@every ";

    private ScheduleChecks() {}

    static void name(String name) {
        if (name.isBlank()) {
            throw new InvalidParameterException("name", "a schedule's name must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidParameterException(
                    "name",
                    "a schedule's name must be at most %d characters, got %d"
                            .formatted(MAX_NAME_LENGTH, name.length()));
        }
        if (name.contains("/")) {
            throw new InvalidParameterException(
                    "name", "schedule name '" + name + "' contains '/', which its URL cannot carry");
        }
    }

    /** @throws InvalidParameterException (parameter {@code cron}) with Quartz's reason */
    static CronExpression cron(String expression) {
        try {
            return new CronExpression(expression);
        } catch (ParseException e) {
            throw new InvalidParameterException(
                    "cron",
                    "cron '%s' is not a Quartz cron expression (seconds minutes hours".formatted(expression)
                            + " day-of-month month day-of-week [year], such as 0 */5 * * * ?): " + e.getMessage());
        }
    }

    /** {@code 30s}, {@code 5m}, {@code 1h30m} or {@code @every 5m}; at least one second. */
    static Duration every(String every) {
        String text = every.strip();
        if (text.startsWith(EVERY_PREFIX)) {
            text = text.substring(EVERY_PREFIX.length()).strip();
        }
        Duration interval;
        try {
            interval = Durations.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            // ArithmeticException: an interval beyond what a Duration holds, such as 2222222222222222220d (found by
            // fuzzing)
            throw new InvalidParameterException(
                    "every", "every '%s' is not an interval such as 30s, 5m, 1h30m or @every 5m".formatted(every));
        }
        if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
            throw new InvalidParameterException(
                    "every", "every '%s' is shorter than the shortest interval, 1s".formatted(every));
        }
        return interval;
    }

    static void maxRuns(int maxRuns) {
        if (maxRuns < 0) {
            throw new InvalidParameterException("maxRuns", "maxRuns must be 0 (no limit) or more, got " + maxRuns);
        }
    }

    /** When a schedule that started at {@code startedAt} retires: an instant, or a duration after the start. */
    static Optional<Instant> until(Optional<String> until, Instant startedAt) {
        return until.map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notAnInstant) {
                try {
                    return startedAt.plus(Durations.parse(text));
                } catch (IllegalArgumentException | ArithmeticException | DateTimeException notADuration) {
                    // DateTimeException: a duration that takes the start past the last instant (found by fuzzing)
                    throw new InvalidParameterException(
                            "until",
                            ("until '%s' is neither a duration such as 2h or 7d nor an"
                                            + " ISO-8601 instant such as 2026-12-31T23:00:00Z")
                                    .formatted(text));
                }
            }
        });
    }

    /** Everything of a definition that does not need the suite: name, expression, limits. */
    static void definition(ScheduleDefinition definition, Instant now) {
        name(definition.name());
        definition.cron().ifPresent(ScheduleChecks::cron);
        definition.every().ifPresent(ScheduleChecks::every);
        maxRuns(definition.maxRuns());
        until(definition.until(), now);
    }
}
