package dev.handoff.daemon.config;

import dev.handoff.engine.internal.Durations;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What values a setting takes: how its text (a flag, a variable, a config-file line) becomes a
 * value, and the check every value must pass, whichever door it came through (the library's typed
 * values too). Both throw a {@link SettingProblem} whose message completes "{@code NAME 'VALUE'}
 * ...".
 *
 * @param <T> the value's type
 */
interface Kind<T> {

    T parse(String text);

    /** Checks a value that did not come as text. */
    default T check(T value) {
        return value;
    }

    /** Whether an error message may quote the value (a URL may carry its own credential). */
    default boolean quotable() {
        return true;
    }

    /** How this kind shows a value in usage help and messages. */
    default String show(T value) {
        return String.valueOf(value);
    }

    /** 0 to 65535; 0 picks a free port. */
    Kind<Integer> PORT = checked(Kind::integer, port -> port >= 0 && port <= 65_535, "is not a number from 0 to 65535");

    /** A whole number of at least 1. */
    Kind<Integer> COUNT = checked(Kind::integer, count -> count >= 1, "is not a whole number of at least 1");

    Kind<String> TEXT = text -> text;

    /** Text of at most {@code max} characters (what the database keeps of it). */
    static Kind<String> checkedText(int max) {
        return new Kind<>() {
            @Override
            public String parse(String text) {
                return check(text);
            }

            @Override
            public String check(String text) {
                if (text.length() > max) {
                    throw new SettingProblem("must be at most " + max + " characters, got " + text.length());
                }
                return text;
            }
        };
    }

    Kind<Boolean> SWITCH = text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new SettingProblem("is not true or false");
    };

    Kind<Path> PATH = text -> {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new SettingProblem("is not a path: " + e.getReason());
        }
    };

    /** Several paths, separated as in a classpath ({@code :}, {@code ;} on Windows); each once. */
    Kind<List<Path>> PATHS = text -> Arrays.stream(text.split(File.pathSeparator))
            .filter(part -> !part.isBlank())
            .map(PATH::parse)
            .distinct()
            .toList();

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d} or ISO-8601. */
    Kind<Duration> DURATION = new Kind<>() {
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

    /** A duration above zero, for what must last a while. */
    Kind<Duration> POSITIVE_DURATION = new Kind<>() {
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

    /**
     * How long finished runs are kept: a duration, or {@code 0} or {@code forever} to keep them
     * forever (as the Go project's TTL 0 did). Empty means forever.
     */
    Kind<Optional<Duration>> RETENTION = new Kind<>() {
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

    /** An absolute http or https URL; never quoted, since such a URL may be its own credential. */
    Kind<URI> HTTP_URL = httpUrl(false);

    /** An absolute http or https URL that messages may quote (where people reach the daemon). */
    Kind<URI> PUBLIC_URL = httpUrl(true);

    /** A JDBC URL of PostgreSQL or H2; not quoted: a URL of another form may carry a password. */
    Kind<String> JDBC_URL = new Kind<>() {
        @Override
        public String parse(String text) {
            return check(text);
        }

        @Override
        public String check(String url) {
            if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
                throw new SettingProblem("must be a JDBC URL of PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE)"
                        + " or of H2 (jdbc:h2:...)");
            }
            return url;
        }

        @Override
        public boolean quotable() {
            return false;
        }
    };

    /** A secret such as a token or a routing key: never quoted, never shown, not blank. */
    Kind<String> SECRET = new Kind<>() {
        @Override
        public String parse(String text) {
            return check(text);
        }

        @Override
        public String check(String secret) {
            if (secret.isBlank()) {
                throw new SettingProblem("is blank");
            }
            return secret;
        }

        @Override
        public boolean quotable() {
            return false;
        }

        @Override
        public String show(String value) {
            return "(hidden)";
        }
    };

    /** A password, which may be empty; never quoted. */
    Kind<String> PASSWORD = new Kind<>() {
        @Override
        public String parse(String text) {
            return text;
        }

        @Override
        public boolean quotable() {
            return false;
        }

        @Override
        public String show(String value) {
            return "(hidden)";
        }
    };

    /** {@code OWNER/REPO} of GitHub. */
    Kind<String> REPOSITORY = checked(
            text -> text,
            Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+").asMatchPredicate(),
            "is not of the form OWNER/REPO");

    /**
     * Settings for hooks by hook name, then key, from {@code HOOK.KEY=VALUE}; a message quotes only
     * {@code HOOK.KEY}: the value may be a secret.
     */
    Kind<Map<String, Map<String, String>>> HOOK_SETTINGS = text -> {
        int equals = text.indexOf('=');
        String name = equals < 0 ? text : text.substring(0, equals);
        int dot = name.indexOf('.');
        if (equals < 0 || dot <= 0 || dot == name.length() - 1) {
            throw new SettingProblem("is not of the form HOOK.KEY=VALUE", Optional.of(name));
        }
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        settings.put(name.substring(0, dot), Map.of(name.substring(dot + 1), text.substring(equals + 1)));
        return settings;
    };

    private static Kind<URI> httpUrl(boolean quotable) {
        return new Kind<>() {
            @Override
            public URI parse(String text) {
                try {
                    return check(new URI(text.trim()));
                } catch (URISyntaxException e) {
                    throw new SettingProblem("is not an absolute http(s) URL");
                }
            }

            @Override
            public URI check(URI uri) {
                String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return uri;
                }
                throw new SettingProblem("is not an absolute http(s) URL");
            }

            @Override
            public boolean quotable() {
                return quotable;
            }
        };
    }

    /** A value only the library gives (classes, hook objects): never parsed from text. */
    static <T> Kind<T> libraryOnly() {
        return text -> {
            throw new IllegalStateException("a library-only setting has no text form");
        };
    }

    /** Two maps of hook settings as one, the later value of a key winning. */
    static Map<String, Map<String, String>> merge(
            Map<String, Map<String, String>> first, Map<String, Map<String, String>> second) {
        Map<String, Map<String, String>> merged = new LinkedHashMap<>();
        first.forEach((hook, values) -> merged.put(hook, new LinkedHashMap<>(values)));
        second.forEach((hook, values) ->
                merged.computeIfAbsent(hook, name -> new LinkedHashMap<>()).putAll(values));
        return merged;
    }

    /** Two lists as one, each element once. */
    static <E> List<E> concat(List<E> first, List<E> second) {
        List<E> all = new ArrayList<>(first);
        second.stream().filter(element -> !all.contains(element)).forEach(all::add);
        return List.copyOf(all);
    }

    private static <T> Kind<T> checked(
            Function<String, T> parse, java.util.function.Predicate<T> valid, String problem) {
        return new Kind<>() {
            @Override
            public T parse(String text) {
                return check(parse.apply(text));
            }

            @Override
            public T check(T value) {
                if (!valid.test(value)) {
                    throw new SettingProblem(problem);
                }
                return value;
            }
        };
    }

    private static Integer integer(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    private static Duration duration(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new SettingProblem("is not a duration: use forms like 500ms, 30s, 5m, 1h30m, 2d or ISO-8601 PT2M");
        }
    }
}
