package dev.handoff.daemon.schedule;

import dev.handoff.api.internal.Durations;
import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.ScheduleDefinition;
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
    /** A step of zero, {@code 0/0} or {@code * /00}, which Quartz accepts and then fires never or all the time. */
    private static final java.util.regex.Pattern ZERO_STEP = java.util.regex.Pattern.compile("/0+(?![0-9])");

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
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidParameterException(
                    "name", "a schedule cannot be named '" + name + "': its URL would mean another path");
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidParameterException(
                    "name",
                    "a schedule's name must not contain a control character (a NUL, a line break, a tab),"
                            + " which its URL and the pages cannot show");
        }
        if (name.contains("/")) {
            throw new InvalidParameterException(
                    "name", "schedule name '" + name + "' contains '/', which its URL cannot carry");
        }
    }

    /**
     * When a schedule fires, as Quartz takes it: a cron expression or a fixed interval.
     *
     * @param cron empty for an interval
     * @param interval empty for a cron expression
     */
    record Timing(Optional<CronExpression> cron, Optional<Duration> interval) {

        static Timing of(CronExpression cron) {
            return new Timing(Optional.of(cron), Optional.empty());
        }

        static Timing of(Duration interval) {
            return new Timing(Optional.empty(), Optional.of(interval));
        }
    }

    /** The timing of a checked definition: its cron (in any form {@link #cron} reads) or its interval. */
    static Timing timing(ScheduleDefinition definition) {
        return definition.cron().isPresent()
                ? cron(definition.cron().get())
                : Timing.of(every(definition.every().orElseThrow()));
    }

    /**
     * A Quartz cron expression ({@code 0 *}{@code /5 * * * ?}), or one of the Go project's forms
     * ({@link GoCron}): a descriptor such as {@code @daily}, {@code @every 1.5s} (an interval), or
     * six fields with seconds as Go's cron reads them ({@code *}{@code /5 * * * * *}). An
     * expression that Quartz reads is read as Quartz: a Go expression with {@code ?} and
     * day-of-week numbers means Quartz's days (Sunday = 1); day names mean the same in both.
     *
     * @throws InvalidParameterException (parameter {@code cron}) saying why in both grammars' words
     */
    static Timing cron(String expression) {
        String text = expression.strip();
        if (ZERO_STEP.matcher(text).find()) {
            throw new InvalidParameterException(
                    "cron",
                    "cron '%s' steps by 0 ('/0'), which never advances; a step is 1 or more, such as 0/5"
                            .formatted(expression));
        }
        if (GoCron.isDescriptor(text)) {
            try {
                Optional<Duration> every = GoCron.every(text);
                if (every.isPresent()) {
                    return Timing.of(atLeastShortest("cron", expression, every.get()));
                }
                return Timing.of(new CronExpression(GoCron.descriptor(text)));
            } catch (GoCron.Refused | ParseException e) {
                throw new InvalidParameterException("cron", "cron '%s': %s".formatted(expression, e.getMessage()));
            }
        }
        ParseException quartzReason;
        try {
            return Timing.of(new CronExpression(text));
        } catch (ParseException e) {
            quartzReason = e;
        }
        String goReason;
        try {
            return Timing.of(new CronExpression(GoCron.sixFields(text)));
        } catch (GoCron.Refused | ParseException e) {
            goReason = e.getMessage();
        }
        if (text.contains("?") || text.split("\\s+").length == 7) {
            // Go's cron rarely has ? and never a year: Quartz's reason is the one that helps.
            throw new InvalidParameterException(
                    "cron",
                    "cron '%s' is not a Quartz cron expression (seconds minutes hours".formatted(expression)
                            + " day-of-month month day-of-week [year], such as 0 */5 * * * ?): "
                            + quartzReason.getMessage());
        }
        throw new InvalidParameterException(
                "cron",
                ("cron '%s' is neither a Quartz cron expression (seconds minutes hours day-of-month month"
                                + " day-of-week [year], such as 0 */5 * * * ?: %s) nor a Go one (six fields with seconds,"
                                + " such as */5 * * * * *, or @daily, @every 1.5s: %s)")
                        .formatted(expression, quartzReason.getMessage(), goReason));
    }

    /**
     * {@code 30s}, {@code 5m}, {@code 1h30m} or {@code @every 5m}, or a Go duration with fractions
     * ({@code 1.5s}); at least one second. Quartz fires intervals to the millisecond.
     */
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
            try {
                interval = GoCron.duration(text);
            } catch (GoCron.Refused notGo) {
                throw new InvalidParameterException(
                        "every",
                        "every '%s' is not an interval such as 30s, 5m, 1h30m, 1.5s or @every 5m".formatted(every));
            }
        }
        return atLeastShortest("every", every, interval);
    }

    private static Duration atLeastShortest(String parameter, String text, Duration interval) {
        if (interval.compareTo(SHORTEST_INTERVAL) < 0) {
            throw new InvalidParameterException(
                    parameter, "%s '%s' is shorter than the shortest interval, 1s".formatted(parameter, text));
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
        timing(definition);
        maxRuns(definition.maxRuns());
        until(definition.until(), now);
    }
}
