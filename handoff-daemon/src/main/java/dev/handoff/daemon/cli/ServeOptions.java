package dev.handoff.daemon.cli;

import dev.handoff.daemon.Handoff;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@code handoff serve} runs with, once flags, {@code HANDOFF_*} variables, the config file
 * and the defaults have had their say.
 *
 * @param suites jars and folders of compiled suites, each given once
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
        HookOptions hooks) {

    ServeOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        suites = List.copyOf(suites);
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(retention, "retention");
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
        hooks.applyTo(builder);
        return builder;
    }
}
