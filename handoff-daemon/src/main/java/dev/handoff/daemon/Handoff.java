package dev.handoff.daemon;

import dev.handoff.daemon.runner.RunService;
import dev.handoff.daemon.runner.SuiteCatalog;
import dev.handoff.daemon.store.RunStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Handoff daemon in your own process: the library mode, for teams that build their own daemon
 * image from their test project (the Go project's {@code handoff.New(...)}, {@code Run}, {@code
 * ServerPort}, {@code WaitForStartup}, {@code Shutdown}).
 *
 * <pre>{@code
 * try (Handoff handoff = Handoff.builder().suites(CheckoutSuite.class).port(0).build().start()) {
 *     handoff.awaitReady(Duration.ofSeconds(10));
 *     System.out.println(handoff.url());
 * }
 * }</pre>
 */
public final class Handoff implements AutoCloseable {

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a daemon; {@link #builder()} fills them with defaults. */
    public record Settings(
            List<Class<?>> suiteClasses,
            List<Path> suitesPaths,
            boolean classpathDirectories,
            String host,
            int port,
            Path dataDir,
            String environment,
            int maxConcurrentRuns,
            Duration shutdownGrace,
            Duration retention) {

        public Settings {
            suiteClasses = List.copyOf(suiteClasses);
            suitesPaths = List.copyOf(suitesPaths);
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            Objects.requireNonNull(retention, "retention");
        }
    }

    /** Collects settings; {@link #build()} checks them, opens the database and discovers the suites. */
    public static final class Builder {
        public static final int DEFAULT_PORT = 1337;
        public static final String DEFAULT_HOST = "0.0.0.0";
        public static final Path DEFAULT_DATA_DIR = Path.of("handoff-data");
        public static final int DEFAULT_MAX_CONCURRENT_RUNS = 4;
        public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
        public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

        private final List<Class<?>> suiteClasses = new ArrayList<>();
        private final List<Path> suitesPaths = new ArrayList<>();
        private boolean classpathDirectories;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path dataDir = DEFAULT_DATA_DIR;
        private String environment = "";
        private int maxConcurrentRuns = DEFAULT_MAX_CONCURRENT_RUNS;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private Duration retention = DEFAULT_RETENTION;

        private Builder() {}

        /** Suite classes on this process's classpath. */
        public Builder suites(Class<?>... classes) {
            suiteClasses.addAll(List.of(classes));
            return this;
        }

        /** A jar or folder of compiled suites (and their dependencies); repeatable. */
        public Builder suitesPath(Path path) {
            suitesPaths.add(path);
            return this;
        }

        /** Also every suite in the folders of this process's classpath (as {@code mvn exec} sees a project). */
        public Builder classpathDirectories() {
            classpathDirectories = true;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** 0 picks a free port; {@link Handoff#port()} tells which. Default 1337. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where the H2 database lives. Default {@code ./handoff-data}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Stored with each run, such as the cluster's name. */
        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder maxConcurrentRuns(int runs) {
            this.maxConcurrentRuns = runs;
            return this;
        }

        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = grace;
            return this;
        }

        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        public Settings settings() {
            return new Settings(suiteClasses, suitesPaths, classpathDirectories, host, port, dataDir, environment,
                    maxConcurrentRuns, shutdownGrace, retention);
        }

        /**
         * Checks the settings, opens and migrates the database and discovers the suites; nothing
         * listens yet.
         *
         * @throws IllegalArgumentException with a one-line message naming the problem: a suites
         *     path that does not exist, two suites with one name, a bad setting
         */
        public Handoff build() {
            throw new UnsupportedOperationException("being written");
        }
    }

    /** Starts serving and running; returns this. */
    public Handoff start() {
        throw new UnsupportedOperationException("being written");
    }

    /** The port it listens on (the chosen one after {@code port(0)}). */
    public int port() {
        throw new UnsupportedOperationException("being written");
    }

    /** {@code http://HOST:PORT/}, with 127.0.0.1 for a daemon listening on every address. */
    public URI url() {
        throw new UnsupportedOperationException("being written");
    }

    /** Waits until it serves and is ready (suites discovered, database migrated). @return whether it got ready in time */
    public boolean awaitReady(Duration timeout) {
        throw new UnsupportedOperationException("being written");
    }

    public SuiteCatalog catalog() {
        throw new UnsupportedOperationException("being written");
    }

    public RunStore store() {
        throw new UnsupportedOperationException("being written");
    }

    public RunService runs() {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * Stops gracefully: new triggers get 503, running tests get up to the shutdown grace to finish,
     * runs still unfinished stay in the database and resume at the next start.
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException("being written");
    }
}
