package dev.handoff.daemon.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BinaryOperator;
import org.apiguardian.api.API;

/**
 * One setting of a daemon, declared once (in {@link Settings}): every door derives its name from
 * here. Its key is the config-file key ({@code data-dir}); the flag is {@code --data-dir}, the
 * environment variable {@code HANDOFF_DATA_DIR}, and the library builder method {@link #method()}.
 *
 * @param key the config-file key; empty for a setting only the library can give (suite classes)
 * @param label the flag's parameter label in the usage help ({@code DIR}); empty for a switch
 * @param help one sentence for the usage help
 * @param defaultValue the value when no door gives one
 * @param defaultText how the usage help shows the default ({@code 1337}, {@code none})
 * @param kind how text becomes a value, and the check every value passes
 * @param method the builder method's name, as messages about a library value call it
 * @param merge for a repeatable setting, how two values become one; empty for a single value
 * @param formerVariables variables of the Go project that mean the same, accepted with a notice
 * @param <T> the value's type
 */
@API(status = API.Status.EXPERIMENTAL)
public record Setting<T>(
        String key,
        String label,
        String help,
        T defaultValue,
        String defaultText,
        Kind<T> kind,
        String method,
        Optional<BinaryOperator<T>> merge,
        List<String> formerVariables) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(defaultText, "defaultText");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(merge, "merge");
        formerVariables = List.copyOf(formerVariables);
    }

    /** A single-valued setting of every door; the builder method has the key's name in camel case. */
    static <T> Setting<T> of(String key, String label, Kind<T> kind, T defaultValue, String defaultText, String help) {
        return new Setting<>(
                key, label, help, defaultValue, defaultText, kind, camel(key), Optional.empty(), List.of());
    }

    /** A setting only the library can give (classes, objects): no flag, variable or key. */
    static <T> Setting<T> libraryOnly(String method, T defaultValue, BinaryOperator<T> merge) {
        return new Setting<>("", "", "", defaultValue, "", Kind.libraryOnly(), method, Optional.of(merge), List.of());
    }

    /** The same setting, called {@code method} by the library builder. */
    Setting<T> calledInLibrary(String method) {
        return new Setting<>(key, label, help, defaultValue, defaultText, kind, method, merge, formerVariables);
    }

    /** The same setting, its values from several flags (or lines) combined with {@code merge}. */
    Setting<T> repeatable(BinaryOperator<T> merge) {
        return new Setting<>(
                key, label, help, defaultValue, defaultText, kind, method, Optional.of(merge), formerVariables);
    }

    /** The same setting, also read from these (Go) variables, with a notice that they are deprecated. */
    Setting<T> formerly(String... variables) {
        return new Setting<>(key, label, help, defaultValue, defaultText, kind, method, merge, List.of(variables));
    }

    /** {@code --data-dir}. */
    public String flag() {
        return "--" + key;
    }

    /** {@code HANDOFF_DATA_DIR}. */
    public String variable() {
        return variable(key);
    }

    /** {@code HANDOFF_DATA_DIR} for {@code data-dir}. */
    public static String variable(String key) {
        return "HANDOFF_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Whether the command line, the environment and the config file can give it. */
    public boolean textual() {
        return !key.isEmpty();
    }

    /** Whether it takes no value on the command line ({@code --public-read}). */
    public boolean isSwitch() {
        return label.isEmpty() && textual();
    }

    public boolean isRepeatable() {
        return merge.isPresent();
    }

    @Override
    public String toString() {
        return textual() ? key : method;
    }

    private static String camel(String key) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}
