package dev.handoff.daemon.config;

/**
 * Checks between settings, with messages in the words of the door the values came through: a
 * setting given is named as given ({@code HANDOFF_DB_PASSWORD}); one missing is named by the flag
 * and variable that would give it, or by the builder method for a library value.
 */
final class Names {

    private final Values values;

    Names(Values values) {
        this.values = values;
    }

    /** The given setting's name, without its value: {@code --db-user}, {@code HANDOFF_DB_USER}, {@code database(…)}. */
    String given(Setting<?> setting) {
        Source source = values.source(setting);
        return source.door() == Source.Door.LIBRARY
                ? source.quote(java.util.Optional.empty())
                : source.name() + source.file().map(file -> " in " + file).orElse("");
    }

    /** The given setting's name with its value quoted, if its kind allows: {@code --db-password-file '/run/x'}. */
    String quoted(Setting<?> setting) {
        Source source = values.source(setting);
        Object value = values.get(setting);
        return source.quote(
                setting.kind().quotable() && value != null
                        ? java.util.Optional.of(value.toString())
                        : java.util.Optional.empty());
    }

    /** How the user would give a setting they left out, through the door {@code like} came through. */
    String missing(Setting<?> setting, Setting<?> like) {
        if (values.source(like).door() != Source.Door.LIBRARY) {
            return setting.flag() + " (or " + setting.variable() + ")";
        }
        String what = setting.key().replace('-', ' ');
        return setting.method().equals(like.method())
                ? "its " + what
                : "the " + what + " of " + setting.method() + "(…)";
    }

    /** @throws ConfigException when {@code setting} is given without {@code needed} */
    void requires(Setting<?> setting, Setting<?> needed, String why) {
        if (values.isGiven(setting)
                && values.get(setting) != null
                && values.find(needed).isEmpty()) {
            throw new ConfigException(quoted(setting) + " needs " + missing(needed, setting) + ": " + why);
        }
    }

    /** @throws ConfigException when one of two settings that go together is given without the other */
    void together(Setting<?> setting, Setting<?> other) {
        if (values.isGiven(setting)
                && values.get(setting) != null
                && values.find(other).isEmpty()) {
            throw new ConfigException(quoted(setting) + " needs " + missing(other, setting) + " too");
        }
    }
}
