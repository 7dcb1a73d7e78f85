package dev.handoff.daemon.config;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Where a run's tests execute: {@code --isolation none} or {@code fork}. A word of the settings,
 * beside {@link Cluster}: the execution package learns it as the forked runs it is given, or not.
 */
@API(status = API.Status.EXPERIMENTAL)
public enum Isolation {
    /** In the daemon's JVM, beside the other runs: no start-up cost, but JVM-wide state is shared. */
    NONE,
    /** In a JVM of its own per run, as Surefire forks: system properties, locale and statics stay the run's. */
    FORK;

    /** @throws IllegalArgumentException naming the values there are */
    public static Isolation parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "fork" -> FORK;
            default -> throw new SettingProblem("is neither none nor fork");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
