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
 * @param suitesArtifacts suites given as {@code group:artifact:version[:classifier]}
 * @param mavenRepositories where those are resolved from; empty for Maven Central
 * @param database the database given by {@code --db-url}; its {@code toString} hides the password
 * @param hooks the public URL, built-in hooks and hook settings
 * @param security access control, HTTPS and the pending-run limit
 */
record ServeOptions(
        String host,
        int port,
        Path dataDir,
        List<Path> suites,
        List<String> suitesArtifacts,
        List<String> mavenRepositories,
        int maxConcurrentRuns,
        String environment,
        Duration shutdownGrace,
        Duration retention,
        Optional<Handoff.DatabaseLogin> database,
        HookOptions hooks,
        Security security) {

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
        suitesArtifacts = List.copyOf(suitesArtifacts);
        mavenRepositories = List.copyOf(mavenRepositories);
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(security, "security");
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
        suitesArtifacts.forEach(builder::suitesArtifact);
        mavenRepositories.forEach(builder::mavenRepository);
        database.ifPresent(login -> builder.database(login.url(), login.user(), login.password()));
        hooks.applyTo(builder);
        security.apply(builder);
        return builder;
    }
}
