package dev.handoff.daemon.cli;

import dev.handoff.daemon.Handoff;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code handoff serve} runs with, once flags, {@code HANDOFF_*} variables, the config file
 * and the defaults have had their say.
 *
 * @param suites jars and folders of compiled suites, each given once
 * @param database the database given by {@code --db-url}; its {@code toString} hides the password
 * @param hooks the public URL, built-in hooks and hook settings
 */
record ServeOptions(
        String host,
        int port,
        Path dataDir,
        List<Path> suites,
        int maxConcurrentRuns,
        String environment,
        Duration shutdownGrace,
        Duration retention,
        Optional<Handoff.DatabaseLogin> database,
        HookOptions hooks) {

    ServeOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        suites = List.copyOf(suites);
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(hooks, "hooks");
    }

    Handoff.Builder builder() {
        Handoff.Builder builder = Handoff.builder()
                .host(host)
                .port(port)
                .dataDir(dataDir)
                .environment(environment)
                .maxConcurrentRuns(maxConcurrentRuns)
                .shutdownGrace(shutdownGrace)
                .retention(retention);
        suites.forEach(builder::suitesPath);
        database.ifPresent(login -> builder.database(login.url(), login.user(), login.password()));
        hooks.applyTo(builder);
        return builder;
    }
}
