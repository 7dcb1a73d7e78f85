package dev.handoff.daemon.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * <p>The kinds of one family are made in their own class ({@link DurationKinds}, {@link
 * SourceKinds}, {@link AddressKinds}) and reached only through the constants here.
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

    /** A whole number from 0 to 100: a share of runs, as a threshold. */
    Kind<Integer> PERCENT =
            checked(Kind::integer, percent -> percent >= 0 && percent <= 100, "is not a whole number from 0 to 100");

    /** {@code off}, or how long something lasts (above zero), such as {@code 7d}. */
    Kind<Optional<Duration>> OPTIONAL_DURATION = DurationKinds.optionalDuration();

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

    Kind<Path> PATH = SourceKinds.path();

    /** Several paths, separated as in a classpath ({@code :}, {@code ;} on Windows); each once. */
    Kind<List<Path>> PATHS = SourceKinds.paths();

    /**
     * What {@code --suites} names: Maven coordinates {@code group:artifact:version[:classifier]}
     * (unless a file of that name exists), else paths separated as in a classpath.
     */
    Kind<SuiteSources> SUITES = SourceKinds.suites();

    /** Suites as Maven coordinates {@code group:artifact:version[:classifier]}. */
    Kind<List<String>> ARTIFACTS = SourceKinds.artifacts();

    /**
     * A Maven repository's absolute URL ({@code https://...}, {@code file:///...}); not quoted, as
     * such a URL may carry its own credential.
     */
    Kind<List<String>> REPOSITORY_URLS = SourceKinds.repositoryUrls();

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d} or ISO-8601. */
    Kind<Duration> DURATION = DurationKinds.duration();

    /** A duration above zero, for what must last a while. */
    Kind<Duration> POSITIVE_DURATION = DurationKinds.positiveDuration();

    /**
     * How long finished runs are kept: a duration, or {@code 0} or {@code forever} to keep them
     * forever (as the Go project's TTL 0 did). Empty means forever.
     */
    Kind<Optional<Duration>> RETENTION = DurationKinds.retention();

    /** {@code none} or {@code fork}, in any case. */
    Kind<Isolation> ISOLATION = Isolation::parse;

    /**
     * Options of a JVM separated by white space ({@code -Xmx512m -Dshop.url=http://shop}); none for
     * blank text. Each option is kept as given, repeats included ({@code --add-opens} twice).
     */
    Kind<List<String>> JVM_ARGS = new Kind<>() {
        @Override
        public List<String> parse(String text) {
            return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
        }

        @Override
        public List<String> check(List<String> options) {
            if (options.stream().anyMatch(option -> option == null || option.isBlank())) {
                throw new SettingProblem("holds a blank option");
            }
            return List.copyOf(options);
        }

        @Override
        public String show(List<String> options) {
            return String.join(" ", options);
        }
    };

    /** An absolute http or https URL; never quoted, since such a URL may be its own credential. */
    Kind<URI> HTTP_URL = AddressKinds.httpUrl(false);

    /** An absolute http or https URL that messages may quote (where people reach the daemon). */
    Kind<URI> PUBLIC_URL = AddressKinds.httpUrl(true);

    /**
     * A link template: an http or https URL with placeholders ({@code {traceId}}, {@code {start}},
     * {@code {end}}, {@code {suite}}, {@code {test}}) filled in per attempt.
     */
    Kind<String> LINK_TEMPLATE = checked(
            String::trim,
            template -> template.matches("(?i)https?://\\S+") && template.contains("{traceId}")
                    || template.matches("(?i)https?://\\S+") && template.matches(".*\\{(start|end|suite|test)}.*"),
            "is not an http(s) URL with a placeholder such as {traceId}");

    /** A JDBC URL of PostgreSQL or H2; not quoted: a URL of another form may carry a password. */
    Kind<String> JDBC_URL = AddressKinds.jdbcUrl();

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

    /**
     * Host names or addresses separated by commas ({@code handoff.example.com,10.0.0.7,[::1]}), each
     * once, blanks ignored; {@code *} stands for any host. A name with a port, a path or a login in
     * it would never match a {@code Host} header, so it is refused.
     */
    Kind<List<String>> HOST_NAMES = AddressKinds.hostNames();

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

    /** Two lists as one, in order, repeats kept (the options of a JVM). */
    static <E> List<E> append(List<E> first, List<E> second) {
        List<E> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
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
}
