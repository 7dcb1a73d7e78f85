package dev.handoff.daemon.config;

import dev.handoff.api.internal.Durations;
import java.time.Duration;
import java.util.Optional;

/** The kinds of durations: {@link Kind#DURATION}, {@link Kind#POSITIVE_DURATION}, {@link Kind#RETENTION}. */
final class DurationKinds {

    private DurationKinds() {}

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d} or ISO-8601. */
    static Kind<Duration> duration() {
        return new Kind<>() {
            @Override
            public Duration parse(String text) {
                return check(duration(text));
            }

            @Override
            public Duration check(Duration value) {
                if (value.isNegative()) {
                    throw new SettingProblem("must not be negative");
                }
                return value;
            }

            @Override
            public String show(Duration value) {
                return Durations.format(value);
            }
        };
    }

    /** A duration above zero, for what must last a while. */
    static Kind<Duration> positiveDuration() {
        return new Kind<>() {
            @Override
            public Duration parse(String text) {
                return check(duration(text));
            }

            @Override
            public Duration check(Duration value) {
                if (value.isNegative() || value.isZero()) {
                    throw new SettingProblem("must be more than 0, such as 5s");
                }
                return value;
            }

            @Override
            public String show(Duration value) {
                return Durations.format(value);
            }
        };
    }

    /**
     * How long finished runs are kept: a duration, or {@code 0} or {@code forever} to keep them
     * forever (as the Go project's TTL 0 did). Empty means forever.
     */
    static Kind<Optional<Duration>> retention() {
        return new Kind<>() {
            @Override
            public Optional<Duration> parse(String text) {
                String trimmed = text.trim();
                if (trimmed.equals("0") || trimmed.equalsIgnoreCase("forever")) {
                    return Optional.empty();
                }
                Duration duration;
                try {
                    duration = Durations.parse(trimmed);
                } catch (IllegalArgumentException e) {
                    throw new SettingProblem(
                            "is not a duration: use forms like 30d, 12h or ISO-8601 P30D, or 0 or forever to keep runs forever");
                }
                return check(Optional.of(duration));
            }

            @Override
            public Optional<Duration> check(Optional<Duration> value) {
                if (value.isPresent() && value.get().isNegative()) {
                    throw new SettingProblem(
                            "must not be negative: give a duration such as 30d, or 0 to keep runs forever");
                }
                return value.filter(duration -> !duration.isZero());
            }

            @Override
            public String show(Optional<Duration> value) {
                return value.map(Durations::format).orElse("forever");
            }
        };
    }

    /** {@code off}, or a duration above zero. Empty means off. */
    static Kind<Optional<Duration>> optionalDuration() {
        return new Kind<>() {
            @Override
            public Optional<Duration> parse(String text) {
                String trimmed = text.trim();
                if (trimmed.equalsIgnoreCase("off")) {
                    return Optional.empty();
                }
                return check(Optional.of(duration(trimmed)));
            }

            @Override
            public Optional<Duration> check(Optional<Duration> value) {
                if (value.isPresent()
                        && (value.get().isNegative() || value.get().isZero())) {
                    throw new SettingProblem("must be off, or more than 0, such as 7d");
                }
                return value;
            }

            @Override
            public String show(Optional<Duration> value) {
                return value.map(Durations::format).orElse("off");
            }
        };
    }

    private static Duration duration(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SettingProblem("is not a duration: use forms like 500ms, 30s, 5m, 1h30m, 2d or ISO-8601 PT2M");
        }
    }
}
