package dev.handoff.daemon.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The settings a daemon gets as text: flags, then {@code HANDOFF_*} variables, then the config
 * file, each setting from the strongest door that gives it (a flag wins over its variable, which
 * wins over the config file, which wins over the default).
 *
 * <p>The Go project's variables that mean the same ({@code HANDOFF_SERVER_PORT}, {@code
 * HANDOFF_RUN_TTL}, {@code HANDOFF_DATABASE}) are read after the current name, with a notice; a
 * {@code HANDOFF_*} variable nobody reads gets a notice too, with the name it looks like.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class TextSources {

    /** The config file's own setting: {@code --config}, {@code HANDOFF_CONFIG}. */
    public static final String CONFIG = "config";

    /** Variables the client commands read ({@code run}, {@code suites}, ...), not settings of a daemon. */
    private static final Set<String> CLIENT_VARIABLES = Set.of("HANDOFF_URL", "HANDOFF_TOKEN");

    private static final int MOST_SIMILAR_DISTANCE = 3;

    /**
     * Values and the notices to print (one line each) about deprecated or unknown variables.
     *
     * @param notices lines such as {@code HANDOFF_RUN_TTL is deprecated: use HANDOFF_RETENTION}
     */
    public record Resolved(Values values, List<String> notices) {

        public Resolved {
            notices = List.copyOf(notices);
        }
    }

    private TextSources() {}

    /**
     * Resolves every textual setting.
     *
     * @param flags the texts given on the command line by setting, in order
     * @param env the process's environment
     * @param configFlag the {@code --config} flag, if given; else {@code HANDOFF_CONFIG} names the file
     * @throws ConfigException for a bad value, a config file that cannot be read or has an unknown key
     */
    public static Resolved resolve(
            Map<Setting<?>, List<String>> flags, Map<String, String> env, Optional<Path> configFlag) {
        Optional<Path> file = configFlag.or(
                () -> Optional.ofNullable(env.get(Setting.variable(CONFIG))).map(Path::of));
        Properties config = file.map(TextSources::load).orElseGet(Properties::new);
        file.ifPresent(path -> checkKeys(path, config));
        Values values = new Values();
        List<String> notices = new ArrayList<>();
        for (Setting<?> setting : Settings.textual()) {
            List<String> given = flags.getOrDefault(setting, List.of());
            if (!given.isEmpty()) {
                given.forEach(text -> values.putText(setting, text, Source.flag(setting)));
            } else if (env.containsKey(setting.variable())) {
                values.putText(setting, env.get(setting.variable()), Source.variable(setting.variable()));
            } else if (former(setting, env).isPresent()) {
                String variable = former(setting, env).get();
                values.putText(setting, env.get(variable), Source.variable(variable));
            } else if (config.getProperty(setting.key()) != null) {
                values.putText(setting, config.getProperty(setting.key()), Source.file(setting, file.orElseThrow()));
            }
            for (String variable : setting.formerVariables()) {
                if (env.containsKey(variable)) {
                    notices.add(variable + " is Go handoff's name and deprecated: use " + setting.variable()
                            + (env.containsKey(setting.variable())
                                    ? " (set too, so " + variable + " is ignored)"
                                    : ""));
                }
            }
        }
        notices.addAll(unknownVariables(env));
        return new Resolved(values, notices);
    }

    /** The names every {@code HANDOFF_*} variable may have for a daemon. */
    public static Set<String> knownVariables() {
        Set<String> known = new TreeSet<>(CLIENT_VARIABLES);
        known.add(Setting.variable(CONFIG));
        Settings.textual().forEach(setting -> {
            known.add(setting.variable());
            known.addAll(setting.formerVariables());
        });
        return known;
    }

    /** One line per {@code HANDOFF_*} variable no setting reads, with the name it looks like. */
    static List<String> unknownVariables(Map<String, String> env) {
        Set<String> known = knownVariables();
        return env.keySet().stream()
                .filter(name -> name.startsWith("HANDOFF_") && !known.contains(name))
                .sorted()
                .map(name -> "unknown variable " + name + " is ignored"
                        + similar(name, known)
                                .map(like -> "; did you mean " + like + "?")
                                .orElse(" (see 'handoff serve --help' for the variables)"))
                .toList();
    }

    private static Optional<String> former(Setting<?> setting, Map<String, String> env) {
        return setting.formerVariables().stream().filter(env::containsKey).findFirst();
    }

    private static Optional<String> similar(String name, Set<String> known) {
        return known.stream()
                .map(candidate -> Map.entry(candidate, distance(name, candidate)))
                .filter(entry -> entry.getValue() <= MOST_SIMILAR_DISTANCE)
                .min(Comparator.comparingInt(Map.Entry<String, Integer>::getValue)
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey);
    }

    /**
     * Levenshtein's edit distance. Eleven lines here rather than a library for one use: the only
     * candidate, commons-text, would be a new dependency of the daemon's jar.
     */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static void checkKeys(Path file, Properties config) {
        Set<String> known =
                Settings.textual().stream().map(Setting::key).collect(Collectors.toCollection(TreeSet::new));
        for (String key : config.stringPropertyNames()) {
            if (!known.contains(key)) {
                throw new ConfigException("config file '%s' has an unknown key '%s': known keys are %s"
                        .formatted(file, key, String.join(", ", known)));
            }
        }
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file '" + file + "' does not exist", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read config file '" + file + "': " + e.getMessage(), e);
        }
        return properties;
    }
}
