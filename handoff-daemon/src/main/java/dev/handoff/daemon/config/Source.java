package dev.handoff.daemon.config;

import java.nio.file.Path;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where the value of a setting came from, and so what an error message calls it: the flag for the
 * command line ({@code --port}), the variable for the environment ({@code HANDOFF_PORT}), the key
 * and file for the config file ({@code port ... in handoff.properties}), the builder method for the
 * library ({@code port(70000)}).
 *
 * @param door how the value came in
 * @param name what that door calls the setting
 * @param file the config file, for {@link Door#CONFIG_FILE}
 */
@API(status = API.Status.EXPERIMENTAL)
public record Source(Door door, String name, Optional<Path> file) {

    /** The ways a value reaches a daemon, from the strongest to the weakest. */
    @API(status = API.Status.EXPERIMENTAL)
    public enum Door {
        FLAG,
        ENVIRONMENT,
        CONFIG_FILE,
        LIBRARY,
        DEFAULT
    }

    private static final int MAX_QUOTED = 60;

    static Source flag(Setting<?> setting) {
        return new Source(Door.FLAG, setting.flag(), Optional.empty());
    }

    static Source variable(String variable) {
        return new Source(Door.ENVIRONMENT, variable, Optional.empty());
    }

    static Source file(Setting<?> setting, Path file) {
        return new Source(Door.CONFIG_FILE, setting.key(), Optional.of(file));
    }

    static Source library(Setting<?> setting) {
        return new Source(Door.LIBRARY, setting.method(), Optional.empty());
    }

    static Source byDefault(Setting<?> setting) {
        return new Source(Door.DEFAULT, setting.key(), Optional.empty());
    }

    /**
     * The setting with its value as this door shows it: {@code --port 'abc'}, {@code HANDOFF_PORT
     * 'abc'}, {@code port 'abc' in FILE}, {@code port(70000)}; {@code shown} empty leaves the value
     * out (a secret, or a URL that may carry one).
     */
    String quote(Optional<String> shown) {
        if (door == Door.LIBRARY) {
            return name + "(" + shown.map(Source::shorten).orElse("…") + ")";
        }
        return name
                + shown.map(value -> " '" + shorten(value) + "'").orElse("")
                + file.map(f -> " in " + f).orElse("");
    }

    private static String shorten(String value) {
        return value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "…";
    }
}
