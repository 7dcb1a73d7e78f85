package dev.handoff.daemon.cli;

import dev.handoff.daemon.config.Setting;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of the client commands' options ({@code run}, {@code suites}, {@code exec}, {@code
 * demo}): from a {@code HANDOFF_<NAME>} variable ({@code --url} is {@code HANDOFF_URL}), or from
 * the declaration of the daemon's setting of that name ({@code demo --port}). {@code serve} does
 * not use this: its options are the settings themselves ({@link ServeFlags}).
 *
 * <p>It remembers which values came from a variable, so that a bad one is reported as {@code
 * HANDOFF_URL '...'} rather than as a flag the user never typed.
 */
final class OptionDefaults implements IDefaultValueProvider {

    /** Where a value came from: a flag or a variable. */
    record Source(String name) {

        static Source flag(OptionSpec option) {
            return new Source(option.longestName());
        }

        /** {@code NAME 'VALUE'}. */
        String quote(String value) {
            return name + " '" + value + "'";
        }
    }

    private record Provided(Source source, String value) {}

    private final Map<String, String> env;
    private final Set<String> fromEnvironment;
    private final Map<String, Setting<?>> settings;
    private final Map<String, Provided> provided = new ConcurrentHashMap<>();

    private OptionDefaults(Map<String, String> env, Set<String> fromEnvironment, Map<String, Setting<?>> settings) {
        this.env = env;
        this.fromEnvironment = fromEnvironment;
        this.settings = settings;
    }

    /** Only the options named (long names without dashes), from their variables. */
    static OptionDefaults environment(Map<String, String> env, String... options) {
        return new OptionDefaults(env, Set.of(options), Map.of());
    }

    /** The options named as these settings get the settings' declared defaults. */
    static OptionDefaults settings(Setting<?>... settings) {
        return new OptionDefaults(
                Map.of(),
                Set.of(),
                Arrays.stream(settings).collect(Collectors.toMap(Setting::key, Function.identity())));
    }

    /** {@code data-dir} for {@code --data-dir}. */
    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        String key = key(option);
        String variable = Setting.variable(key);
        if (fromEnvironment.contains(key) && env.containsKey(variable)) {
            provided.put(key, new Provided(new Source(variable), env.get(variable)));
            return env.get(variable);
        }
        Setting<?> setting = settings.get(key);
        return setting == null ? null : setting.defaultText();
    }

    /** Where the value an option got by default came from, if this gave it {@code value}. */
    Optional<Source> sourceOf(OptionSpec option, String value) {
        Provided given = provided.get(key(option));
        return given != null && given.value().equals(value) ? Optional.of(given.source()) : Optional.empty();
    }
}
