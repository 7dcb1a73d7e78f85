package dev.handoff.daemon.cli;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.runner.Isolation;
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
 * @param security access control, HTTPS and the pending-run limit
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
        HookOptions hooks,
        Security security,
        Isolating isolating) {

    /** Where runs execute, and the options of their JVMs when forked: the options of issue 14. */
    record Isolating(Isolation isolation, List<String> forkJvmArgs) {

        Isolating {
            Objects.requireNonNull(isolation, "isolation");
            forkJvmArgs = List.copyOf(forkJvmArgs);
        }

        void apply(Handoff.Builder builder) {
            builder.isolation(isolation).forkJvmArgs(forkJvmArgs);
        }
    }

    /** Access control, HTTPS and the pending-run limit: the options of issue 8, passed on as they are. */
    record Security(
            Optional<Path> apiTokens,
            boolean publicRead,
            Optional<Path> tlsCert,
            Optional<Path> tlsKey,
            Optional<Path> tlsClientCa,
            Optional<Path> tlsClientRoles,
            int maxPendingRuns) {

        void apply(Handoff.Builder builder) {
            apiTokens.ifPresent(builder::apiTokens);
            builder.publicRead(publicRead).maxPendingRuns(maxPendingRuns);
            if (tlsCert.isPresent() || tlsKey.isPresent()) {
                builder.tls(tlsCert.orElse(null), tlsKey.orElse(null));
            }
            tlsClientCa.ifPresent(ca -> builder.tlsClientCertificates(ca, tlsClientRoles.orElse(null)));
        }
    }

    ServeOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        suites = List.copyOf(suites);
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(isolating, "isolating");
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
        security.apply(builder);
        isolating.apply(builder);
        return builder;
    }
}
