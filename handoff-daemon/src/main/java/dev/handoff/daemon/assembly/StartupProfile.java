package dev.handoff.daemon.assembly;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Where a daemon's start went, logged once it serves (the {@code startup} benchmark prints it):
 * the JVM until the daemon's build began, opening the database (the pool's first connection, which
 * opens the H2 file, and the migrations) beside the suites' discovery, Quartz, and the web server.
 * The parts are wall-clock time on their own threads; the database and discovery overlap.
 */
final class StartupProfile {

    static final String DATABASE = "database";
    static final String POOL = "pool and first connection";
    static final String MIGRATIONS = "migrations";
    static final String SUITES = "suite discovery";
    static final String QUARTZ = "Quartz";
    static final String SERVER = "web server";

    private final long began = System.nanoTime();
    /**
     * When the JVM began, as the JVM took it. Not {@code ProcessHandle}'s start instant: on Linux it
     * is the process's start in clock ticks since boot added to the boot time in whole seconds, and
     * put this part up to a second off (a start the benchmark timed at 1.8 s was said to have taken
     * 2.4 s since the process started).
     */
    private final Optional<Instant> jvmStarted = jvmStart();

    private final Instant buildStart = Instant.now();
    private final Map<String, Long> nanos = new ConcurrentHashMap<>();

    <T> T time(String part, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(part, System.nanoTime() - start);
        }
    }

    void time(String part, Runnable work) {
        time(part, () -> {
            work.run();
            return null;
        });
    }

    void add(String part, long partNanos) {
        nanos.merge(part, partNanos, Long::sum);
    }

    void add(String part, Duration duration) {
        add(part, duration.toNanos());
    }

    /** One line: each part in milliseconds, and the whole since the JVM started. */
    String describe() {
        long sinceBuild = System.nanoTime() - began;
        StringBuilder line = new StringBuilder("Startup profile:");
        jvmStarted.ifPresent(start -> line.append(String.format(
                Locale.ROOT,
                " JVM until the daemon's build %d ms,",
                Duration.between(start, buildStart).toMillis())));
        line.append(String.format(
                Locale.ROOT,
                " %s %d ms (%s %d ms, %s %d ms) beside %s %d ms, %s %d ms, %s %d ms; build and start %d ms",
                DATABASE,
                millis(DATABASE),
                POOL,
                millis(POOL),
                MIGRATIONS,
                millis(MIGRATIONS),
                SUITES,
                millis(SUITES),
                QUARTZ,
                millis(QUARTZ),
                SERVER,
                millis(SERVER),
                sinceBuild / 1_000_000));
        jvmStarted.ifPresent(start -> line.append(String.format(
                Locale.ROOT,
                ", %d ms since the JVM started",
                Duration.between(start, Instant.now()).toMillis())));
        return line.toString();
    }

    private static Optional<Instant> jvmStart() {
        long millis = ManagementFactory.getRuntimeMXBean().getStartTime();
        return millis > 0 ? Optional.of(Instant.ofEpochMilli(millis)) : Optional.empty();
    }

    private long millis(String part) {
        return nanos.getOrDefault(part, 0L) / 1_000_000;
    }
}
