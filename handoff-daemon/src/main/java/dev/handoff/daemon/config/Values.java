package dev.handoff.daemon.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The values of settings that some door gave, each with where it came from; a setting no door
 * gave has its default. Values are checked as they are put: a bad one throws a {@link
 * ConfigException} naming the setting in the words of its door.
 */
@org.apiguardian.api.API(status = org.apiguardian.api.API.Status.EXPERIMENTAL)
public final class Values {

    /** A value and where it came from. */
    record Given<T>(T value, Source source) {}

    private final Map<Setting<?>, Given<?>> given = new LinkedHashMap<>();

    /** The value of the setting: the given one, else its default (which may be null: none). */
    public <T> T get(Setting<T> setting) {
        Given<T> value = given(setting);
        return value == null ? setting.defaultValue() : value.value();
    }

    /** The value, empty when neither a door nor a default gives one. */
    public <T> Optional<T> find(Setting<T> setting) {
        return Optional.ofNullable(get(setting));
    }

    /** Where the value came from; {@link Source.Door#DEFAULT} when no door gave it. */
    public Source source(Setting<?> setting) {
        Given<?> value = given.get(setting);
        return value == null ? Source.byDefault(setting) : value.source();
    }

    /** Whether a door gave the setting a value. */
    public boolean isGiven(Setting<?> setting) {
        return given.containsKey(setting);
    }

    /**
     * Sets a value given through the library's builder: checked at once, so that the message names
     * the builder method; a repeatable setting (suites, hook settings) adds to what it has.
     *
     * @throws ConfigException when the value does not fit the setting
     */
    public <T> Values set(Setting<T> setting, T value) {
        putValue(setting, value, Source.library(setting));
        return this;
    }

    /** Sets a value the builder got as text (a URL), parsed and checked as the other doors' text is. */
    public <T> Values setText(Setting<T> setting, String text) {
        if (text == null) {
            put(setting, null, Source.library(setting));
        } else {
            putText(setting, text, Source.library(setting));
        }
        return this;
    }

    /** Puts the text a door gave (a flag, a variable, a config-file line), parsed and checked. */
    <T> void putText(Setting<T> setting, String text, Source source) {
        T value;
        try {
            value = setting.kind().parse(text);
        } catch (SettingProblem problem) {
            throw problem(setting, source, problem, text);
        }
        put(setting, value, source);
    }

    /** Puts a value the library gave, checked; a repeatable setting adds it to what it has. */
    <T> void putValue(Setting<T> setting, T value, Source source) {
        T checked;
        try {
            checked = value == null ? null : setting.kind().check(value);
        } catch (SettingProblem problem) {
            throw problem(setting, source, problem, setting.kind().show(value));
        }
        put(setting, checked, source);
    }

    private <T> void put(Setting<T> setting, T value, Source source) {
        Given<T> before = given(setting);
        if (before != null && setting.merge().isPresent() && before.source().door() == source.door()) {
            value = setting.merge().get().apply(before.value(), value);
        }
        given.put(setting, new Given<>(value, source));
    }

    @SuppressWarnings("unchecked") // put only ever pairs a setting with a value of its type
    private <T> Given<T> given(Setting<T> setting) {
        return (Given<T>) given.get(setting);
    }

    private static ConfigException problem(Setting<?> setting, Source source, SettingProblem problem, String value) {
        Optional<String> shown =
                problem.shown().or(() -> setting.kind().quotable() ? Optional.of(value) : Optional.empty());
        return new ConfigException(source.quote(shown) + " " + problem.getMessage(), problem);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Values[");
        given.forEach((setting, value) -> text.append(setting)
                .append('=')
                .append(value.value() == null ? "none" : show(setting, value.value()))
                .append(" (")
                .append(value.source().door().name().toLowerCase(java.util.Locale.ROOT))
                .append("), "));
        return text.append(']').toString().replace(", ]", "]");
    }

    @SuppressWarnings("unchecked")
    private static <T> String show(Setting<T> setting, Object value) {
        return setting.kind().quotable() ? setting.kind().show((T) value) : "(hidden)";
    }
}
