package dev.handoff.daemon.assembly;

import dev.handoff.daemon.access.Access;
import dev.handoff.daemon.access.ApiTokens;
import dev.handoff.daemon.access.CertificateRoles;
import dev.handoff.daemon.access.TokensFile;
import dev.handoff.daemon.config.DaemonConfig;
import dev.handoff.daemon.config.TlsFiles;
import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.discovery.SuitesResolver;
import dev.handoff.daemon.store.Database;
import dev.handoff.daemon.store.LoginSessionTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What a daemon opens from its checked settings before it can be built: who may do what, the
 * migrated database and the discovered suites. Whatever fails, nothing opened stays open.
 *
 * @param access the tokens and certificate roles read from their files, or open access
 * @param database the opened and migrated database
 * @param catalog the discovered suites
 * @param profile how long each took, for the startup profile
 */
record OpenedParts(Access access, Database database, SuiteCatalog catalog, StartupProfile profile) {

    /** The data dir's folder of suites resolved by Maven coordinates. */
    static final String MAVEN_CACHE = "maven-repository";

    /**
     * Reads the access files, then opens the database and discovers the suites.
     *
     * @throws IllegalArgumentException with a one-line message naming the problem
     */
    static OpenedParts open(DaemonConfig config) {
        StartupProfile profile = new StartupProfile();
        Access access = access(config);
        // Discovery and opening the database (Flyway) each take about half a second: side by side.
        CompletableFuture<Database> database = CompletableFuture.supplyAsync(
                () -> profile.time(
                        StartupProfile.DATABASE,
                        () -> config.storage()
                                .database()
                                .map(login -> Database.open(login.url(), login.user(), login.password()))
                                .orElseGet(() -> Database.open(config.storage().dataDir()))),
                runnable -> Thread.ofVirtual().name("handoff-database-open").start(runnable));
        SuiteCatalog catalog;
        try {
            List<Path> paths = new ArrayList<>(config.suites().paths());
            paths.addAll(SuitesResolver.resolve(
                    config.suites().artifacts(),
                    config.suites().mavenRepositories(),
                    config.storage().dataDir().resolve(MAVEN_CACHE),
                    System.getenv()));
            catalog = profile.time(
                    StartupProfile.SUITES,
                    () -> SuiteCatalog.load(
                            config.suites().classes(),
                            paths,
                            config.suites().classpathDirectories(),
                            Optional.of(config.storage()
                                    .dataDir()
                                    .resolve(Daemon.CACHE)
                                    .resolve("jars"))));
        } catch (RuntimeException | Error e) {
            database.handle((opened, failure) -> {
                        if (opened != null) {
                            opened.close();
                        }
                        return null;
                    })
                    .join();
            throw e;
        }
        Database opened;
        try {
            opened = database.join();
        } catch (CompletionException e) {
            catalog.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        profile.add(StartupProfile.POOL, opened.openTimes().pool());
        profile.add(StartupProfile.MIGRATIONS, opened.openTimes().migrations());
        return new OpenedParts(
                access.withSessions(new LoginSessionTable(opened.dataSource())), opened, catalog, profile);
    }

    /** Closes the database, then the suites' class loaders: for a daemon that could not be built. */
    void close() {
        database.close();
        catalog.close();
    }

    /** Reads the token and certificate role files; a bad line stops the start. */
    private static Access access(DaemonConfig config) {
        config.access().apiTokens().ifPresent(TokensFile::warnIfOthersMayRead);
        ApiTokens tokens = config.access().apiTokens().map(ApiTokens::load).orElse(ApiTokens.none());
        CertificateRoles roles =
                config.access().tlsClientRoles().map(CertificateRoles::load).orElse(CertificateRoles.none());
        // The config checked that roles come with a CA; the CA's TLS files are read by the server.
        assert roles.isEmpty()
                || config.server().tls().flatMap(TlsFiles::clientCa).isPresent();
        return new Access(tokens, roles, config.access().publicRead());
    }
}
