package dev.handoff.daemon.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Values of options the command line left out, in order of precedence: the environment variable
 * {@code HANDOFF_<NAME>} (the long name upper-cased, dashes as underscores: {@code --data-dir} is
 * {@code HANDOFF_DATA_DIR}), then the key {@code <name>} of the config file ({@code data-dir}),
 * and only then the option's own default (picocli uses it when this returns {@code null}).
 *
 * <p>Picocli asks after it parsed the flags, so the config file's path is known by then: the
 * {@code --config} flag or {@code HANDOFF_CONFIG}. It remembers where each value came from, so
 * that a bad one is reported as {@code HANDOFF_PORT 'abc' ...} rather than as a flag the user
 * never typed.
 */
final class OptionDefaults implements IDefaultValueProvider {

    static final String CONFIG = "config";
    private static final Set<String> NOT_CONFIGURABLE = Set.of("help", "version", CONFIG);

    /** Where a value came from: a flag, a variable, or a key of a config file. */
    record Source(String name, Optional<Path> file) {

        static Source flag(OptionSpec option) {
            return new Source(option.longestName(), Optional.empty());
        }

        /** {@code NAME 'VALUE'}, followed by {@code in FILE} for a config file's key. */
        String quote(String value) {
            return name + " '" + value + "'" + file.map(f -> " in " + f).orElse("");
        }
    }

    private record Provided(Source source, String value) {}

    private final Map<String, String> env;
    private final Set<String> fromEnvironment;
    private final Supplier<Optional<Path>> configFlag;
    private final Map<String, Provided> provided = new ConcurrentHashMap<>();
    private Properties config;

    private OptionDefaults(Map<String, String> env, Set<String> fromEnvironment, Supplier<Optional<Path>> configFlag) {
        this.env = env;
        this.fromEnvironment = fromEnvironment;
        this.configFlag = configFlag;
    }

    /** Every option from its variable, then from the config file; {@code configFlag} is the {@code --config} flag's value. */
    static OptionDefaults environmentThenFile(Map<String, String> env, Supplier<Optional<Path>> configFlag) {
        return new OptionDefaults(env, Set.of(), configFlag);
    }

    /** Only the options named (long names without dashes), from their variables. */
    static OptionDefaults environment(Map<String, String> env, String... options) {
        return new OptionDefaults(env, Set.of(options), null);
    }

    /** {@code data-dir} for {@code --data-dir}. */
    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** {@code HANDOFF_DATA_DIR} for {@code data-dir}. */
    static String variable(String key) {
        return "HANDOFF_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !serves(key(option))) {
            return null;
        }
        String key = key(option);
        String variable = variable(key);
        if (env.containsKey(variable)) {
            return remember(key, new Source(variable, Optional.empty()), env.get(variable));
        }
        if (configFlag == null || key.equals(CONFIG)) {
            return null;
        }
        Optional<Path> file = configFile();
        if (file.isEmpty()) {
            return null;
        }
        String value = config(file.get(), option.command()).getProperty(key);
        return value == null ? null : remember(key, new Source(key, file), value);
    }

    private boolean serves(String key) {
        if (key.equals("help") || key.equals("version")) {
            return false;
        }
        return configFlag != null || fromEnvironment.contains(key);
    }

    /** Where the value an option got by default came from, if this gave it {@code value}. */
    Optional<Source> sourceOf(OptionSpec option, String value) {
        Provided given = provided.get(key(option));
        return given != null && given.value().equals(value) ? Optional.of(given.source()) : Optional.empty();
    }

    private String remember(String key, Source source, String value) {
        provided.put(key, new Provided(source, value));
        return value;
    }

    private Optional<Path> configFile() {
        return configFlag
                .get()
                .or(() -> Optional.ofNullable(env.get(variable(CONFIG))).map(Path::of));
    }

    private synchronized Properties config(Path file, CommandSpec command) {
        if (config == null) {
            config = load(file);
            Set<String> known = command.options().stream()
                    .map(OptionDefaults::key)
                    .filter(k -> !NOT_CONFIGURABLE.contains(k))
                    .collect(Collectors.toCollection(TreeSet::new));
            for (String key : config.stringPropertyNames()) {
                if (!known.contains(key)) {
                    throw new CliException("config file '%s' has an unknown key '%s': known keys are %s"
                            .formatted(file, key, String.join(", ", known)));
                }
            }
        }
        return config;
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new CliException("config file '" + file + "' does not exist", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException("cannot read config file '" + file + "': " + e.getMessage(), e);
        }
        return properties;
    }
}
