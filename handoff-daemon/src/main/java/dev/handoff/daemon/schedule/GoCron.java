package dev.handoff.daemon.schedule;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Go project's schedule strings, as its scheduler (robfig/cron with seconds) read them, turned
 * into what Quartz takes, so that a Go team's schedules carry over unchanged:
 *
 * <ul>
 *   <li>the descriptors {@code @yearly @annually @monthly @weekly @daily @midnight @hourly};
 *   <li>{@code @every} with a Go duration ({@code 1.5s}, {@code 1h30m}, {@code 500ms});
 *   <li>six fields with seconds ({@code *}{@code /5 * * * * *}), where a day of the week counts from
 *       Sunday = 0 (Quartz: 1) and day-of-month and day-of-week both may be given ({@code *} or
 *       {@code ?} for the one that does not matter; Quartz wants {@code ?} in one of them).
 * </ul>
 *
 * Refusals are {@link Refused} with a reason in the author's words; {@link ScheduleChecks} names the
 * field.
 */
final class GoCron {

    /** What each of robfig's descriptors means, in Quartz's words. */
    static final Map<String, String> DESCRIPTORS = Map.of(
            "@yearly", "0 0 0 1 1 ?",
            "@annually", "0 0 0 1 1 ?",
            "@monthly", "0 0 0 1 * ?",
            "@weekly", "0 0 0 ? * SUN",
            "@daily", "0 0 0 * * ?",
            "@midnight", "0 0 0 * * ?",
            "@hourly", "0 0 * * * ?");

    static final String EVERY = "@every";

    /** One term of a Go duration: a decimal number and its unit ({@code 1.5s}, {@code 300ms}, {@code 2h}). */
    private static final Pattern DURATION_TERM = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    /** A day-of-week term of robfig's grammar: a value or {@code *}, an optional range end and step. */
    private static final Pattern DAY_OF_WEEK_TERM =
            Pattern.compile("(\\*|\\?|\\d+|[A-Za-z]{3})(?:-(\\d+|[A-Za-z]{3}))?(?:/(\\d+))?");

    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoCron() {}

    /** Why a schedule string is not of the Go project's forms. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    static boolean isDescriptor(String text) {
        return text.startsWith("@");
    }

    /** A descriptor's Quartz expression ({@code @every} is an interval: see {@link #every}). */
    static String descriptor(String text) throws Refused {
        String quartz = DESCRIPTORS.get(text.toLowerCase(Locale.ROOT));
        if (quartz == null) {
            throw new Refused("'" + text + "' is not a descriptor; the Go project's are @yearly, @annually, @monthly,"
                    + " @weekly, @daily, @midnight, @hourly and @every DURATION");
        }
        return quartz;
    }

    /** The interval of {@code @every DURATION}, empty when the text is not of that form. */
    static Optional<Duration> every(String text) throws Refused {
        if (!text.regionMatches(true, 0, EVERY, 0, EVERY.length())
                || (text.length() > EVERY.length() && !Character.isWhitespace(text.charAt(EVERY.length())))) {
            return Optional.empty();
        }
        return Optional.of(duration(text.substring(EVERY.length()).strip()));
    }

    /**
     * A duration as Go's {@code time.ParseDuration} reads it: terms such as {@code 1.5s}, {@code
     * 1h30m} or {@code 500ms} (units ns, us, µs, ms, s, m, h), at nanosecond precision.
     */
    static Duration duration(String text) throws Refused {
        if (text.isEmpty()) {
            throw new Refused("a Go duration such as 1.5s, 1h30m or 500ms is missing");
        }
        Matcher term = DURATION_TERM.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < text.length()) {
            if (!term.find(at) || term.start() != at) {
                throw new Refused("'" + text + "' is not a Go duration such as 1.5s, 1h30m or 500ms");
            }
            nanos = nanos.add(new BigDecimal(term.group(1)).multiply(unitNanos(term.group(2))));
            at = term.end();
        }
        BigInteger whole = nanos.toBigInteger();
        if (whole.compareTo(MAX_NANOS) > 0) {
            throw new Refused("'" + text + "' is longer than a Go duration can be (about 292 years)");
        }
        return Duration.ofNanos(whole.longValueExact());
    }

    private static BigDecimal unitNanos(String unit) {
        return BigDecimal.valueOf(
                switch (unit) {
                    case "ns" -> 1L;
                    case "us", "µs", "μs" -> 1_000L;
                    case "ms" -> 1_000_000L;
                    case "s" -> 1_000_000_000L;
                    case "m" -> 60_000_000_000L;
                    default -> 3_600_000_000_000L;
                });
    }

    /**
     * The Quartz expression of robfig's six fields {@code second minute hour day-of-month month
     * day-of-week}. Seconds to months mean the same in both; day-of-week numbers move up by one, and
     * the day field that does not matter becomes {@code ?}.
     */
    static String sixFields(String expression) throws Refused {
        String[] fields = expression.strip().split("\\s+");
        if (fields.length != 6) {
            throw new Refused(
                    "Go cron has 6 fields (second minute hour day-of-month month day-of-week), got " + fields.length);
        }
        String dayOfMonth = fields[3];
        String dayOfWeek = fields[5];
        boolean anyDayOfMonth = dayOfMonth.equals("*") || dayOfMonth.equals("?");
        boolean anyDayOfWeek = dayOfWeek.equals("*") || dayOfWeek.equals("?");
        if (anyDayOfMonth && anyDayOfWeek) {
            dayOfMonth = "*";
            dayOfWeek = "?";
        } else if (anyDayOfWeek) {
            dayOfWeek = "?";
        } else if (anyDayOfMonth) {
            dayOfMonth = "?";
            dayOfWeek = dayOfWeek(dayOfWeek);
        } else {
            throw new Refused(("it restricts both day-of-month (%s) and day-of-week (%s), which Quartz cannot"
                            + " combine; restrict one and write * for the other")
                    .formatted(dayOfMonth, dayOfWeek));
        }
        return String.join(" ", fields[0], fields[1], fields[2], dayOfMonth, fields[4], dayOfWeek);
    }

    /** robfig's day-of-week field (Sunday = 0 to Saturday = 6) in Quartz's numbering (Sunday = 1 to 7). */
    private static String dayOfWeek(String field) throws Refused {
        List<String> terms = new ArrayList<>();
        for (String term : field.split(",", -1)) {
            Matcher m = DAY_OF_WEEK_TERM.matcher(term);
            if (!m.matches()) {
                throw new Refused("day-of-week '" + field + "' is not of Go cron's forms (0-6 with 0 = Sunday, SUN-SAT,"
                        + " ranges such as 1-5, lists, steps such as */2)");
            }
            String start = m.group(1).equals("*") || m.group(1).equals("?") ? "1" : day(m.group(1), field);
            if (m.group(1).equals("*") || m.group(1).equals("?")) {
                if (m.group(2) != null) {
                    throw new Refused("day-of-week '" + field + "' has a range after *");
                }
                if (m.group(3) == null) {
                    terms.add("*");
                    continue;
                }
            }
            StringBuilder quartz = new StringBuilder(start);
            if (m.group(2) != null) {
                quartz.append('-').append(day(m.group(2), field));
            }
            if (m.group(3) != null) {
                quartz.append('/').append(m.group(3));
            }
            terms.add(quartz.toString());
        }
        return String.join(",", terms);
    }

    private static String day(String value, String field) throws Refused {
        if (!Character.isDigit(value.charAt(0))) {
            return value.toUpperCase(Locale.ROOT);
        }
        int day;
        try {
            day = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            day = Integer.MAX_VALUE;
        }
        if (day > 6) {
            throw new Refused("day-of-week '" + field + "' has " + value + ", beyond Go cron's 0-6 (0 = Sunday)");
        }
        return Integer.toString(day + 1);
    }
}
