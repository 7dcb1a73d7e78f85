package dev.handoff.daemon;

import dev.handoff.daemon.access.Access;
import dev.handoff.daemon.access.ApiTokens;
import dev.handoff.daemon.access.CertificateRoles;
import dev.handoff.daemon.access.TlsFiles;
import dev.handoff.daemon.runner.SuiteCatalog;
import dev.handoff.daemon.store.Database;
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
 */
record OpenedParts(Access access, Database database, SuiteCatalog catalog) {

    /**
     * Reads the access files, then opens the database and discovers the suites.
     *
     * @throws IllegalArgumentException with a one-line message naming the problem
     */
    static OpenedParts open(Handoff.Settings settings) {
        Access access = access(settings);
        // Discovery and opening the database (Flyway) each take about half a second: side by side.
        CompletableFuture<Database> database = CompletableFuture.supplyAsync(
                () -> settings.database()
                        .map(login -> Database.open(login.url(), login.user(), login.password()))
                        .orElseGet(() -> Database.open(settings.dataDir())),
                runnable -> Thread.ofVirtual().name("handoff-database-open").start(runnable));
        SuiteCatalog catalog;
        try {
            catalog = SuiteCatalog.load(
                    settings.suiteClasses(),
                    settings.suitesPaths(),
                    settings.classpathDirectories(),
                    Optional.of(settings.dataDir().resolve(Handoff.CACHE).resolve("jars")));
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
        return new OpenedParts(access, opened, catalog);
    }

    /** Closes the database, then the suites' class loaders: for a daemon that could not be built. */
    void close() {
        database.close();
        catalog.close();
    }

    /** Reads the token and certificate role files; a bad line stops the start. */
    private static Access access(Handoff.Settings settings) {
        ApiTokens tokens = settings.apiTokens().map(ApiTokens::load).orElse(ApiTokens.none());
        CertificateRoles roles =
                settings.tlsClientRoles().map(CertificateRoles::load).orElse(CertificateRoles.none());
        if (!roles.isEmpty() && settings.tls().flatMap(TlsFiles::clientCa).isEmpty()) {
            throw new IllegalArgumentException(
                    "client certificate roles need the CA that signs the certificates: give --tls-client-ca");
        }
        return new Access(tokens, roles, settings.publicRead());
    }
}
