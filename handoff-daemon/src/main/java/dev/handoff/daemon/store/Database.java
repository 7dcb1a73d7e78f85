package dev.handoff.daemon.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import dev.handoff.daemon.store.migration.V18_1__TestOutcomeTestKeys;
import dev.handoff.daemon.store.migration.V19__TestOutcomeByRun;
import dev.handoff.daemon.store.migration.V5_1__AttemptTestKeys;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apiguardian.api.API;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;

/**
 * The daemon's database: a small connection pool on it, with the schema migrated to this version
 * when it opens. By default an H2 file in the data dir; {@link #open(String, String, String)}
 * takes any JDBC URL (PostgreSQL for several replicas).
 */
@API(status = API.Status.INTERNAL)
public final class Database implements AutoCloseable {

    public static final int POOL_SIZE = 8;
    public static final String POOL_NAME = "handoff";

    /** H2's "Database may be already in use": another process holds the file. */
    private static final int H2_DATABASE_IN_USE = 90020;

    private static final long CONNECTION_TIMEOUT_MILLIS = 10_000;
    private static final int REACHABLE_TIMEOUT_SECONDS = 2;
    /**
     * H2's ways of saying a connection is gone for good (its server stopped, its database closed).
     * HikariCP knows the standard SQL states of lost connections (08xxx), which PostgreSQL uses, but
     * not these: without them the pool keeps handing out dead connections after the database is back.
     */
    private static final Set<Integer> H2_CONNECTION_LOST = Set.of(
            ErrorCode.CONNECTION_BROKEN_1,
            ErrorCode.DATABASE_IS_CLOSED,
            ErrorCode.DATABASE_CALLED_AT_SHUTDOWN,
            ErrorCode.OBJECT_CLOSED);

    /** How long {@link #isReachable()} waits for its probe. */
    static final Duration REACHABLE_WAIT = Duration.ofSeconds(3);

    private static final Executor PROBES = Executors.newVirtualThreadPerTaskExecutor();

    private final HikariDataSource dataSource;
    private final OpenTimes openTimes;
    /** The probe of {@link #isReachable()} under way or last done. */
    private CompletableFuture<Boolean> probe;

    private Database(HikariDataSource dataSource, OpenTimes openTimes) {
        this.dataSource = dataSource;
        this.openTimes = openTimes;
    }

    /**
     * How long opening took: the pool with its first connection (which opens an H2 file) and the
     * migrations (Flyway's checks included), for the daemon's startup profile.
     */
    @API(status = API.Status.INTERNAL)
    public record OpenTimes(Duration pool, Duration migrations) {}

    public OpenTimes openTimes() {
        return openTimes;
    }

    /** The JDBC URL it was opened with; which database it is decides some SQL dialects (Quartz's delegate). */
    public String jdbcUrl() {
        return dataSource.getJdbcUrl();
    }

    /**
     * Opens (or creates) the H2 database {@code handoff} in the folder, creating the folder too.
     *
     * <p>The daemon closes the database itself, after its last run stopped, so H2 must not close it
     * in a shutdown hook of its own ({@code DB_CLOSE_ON_EXIT=FALSE}). One process owns the file
     * ({@code AUTO_SERVER=FALSE}): a second daemon on the same folder fails instead of quietly
     * sharing it. A writer waits up to 10 s for a row another transaction holds ({@code LOCK_TIMEOUT}),
     * enough for a burst of concurrent triggers of one suite. Every commit is written to the file
     * before it returns ({@code WRITE_DELAY=0}; H2's default keeps commits in memory for up to
     * 500 ms): an attempt the API showed must survive a {@code kill -9}, or a resumed run would run
     * that test again. Other connections see a commit a moment before it is in the file, so the
     * store also makes sure that what it read is there before it returns ({@link SeenIsStored}).
     * The file is opened through H2's {@code retry:} file system, which reopens the file when a
     * thread that writes is interrupted: the plain one closes the whole database then, and Quartz
     * interrupts its own threads when the daemon stops its schedules.
     *
     * @throws IllegalStateException when the folder cannot be created, another process uses the
     *     database, or the file is not a readable H2 database
     */
    public static Database open(Path dataDir) {
        Path folder = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("cannot use " + folder + " as the data dir: it is a file", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data dir " + folder + ": " + e, e);
        }
        String url = "jdbc:h2:retry:" + folder.resolve("handoff")
                + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_SERVER=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
        return open(url, "sa", "", "the database in the data dir " + folder);
    }

    /** @throws IllegalStateException when the database cannot be reached or migrated */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, "the database at " + withoutPassword(jdbcUrl));
    }

    private static Database open(String jdbcUrl, String user, String password, String what) {
        HikariDataSource dataSource;
        long start = System.nanoTime();
        try {
            dataSource = new HikariDataSource(config(jdbcUrl, user, password));
        } catch (RuntimeException e) {
            throw openFailure(what, e);
        }
        long opened = System.nanoTime();
        try {
            migrate(dataSource, jdbcUrl);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException("cannot update the tables of " + what + ": " + describe(e), e);
        }
        return new Database(
                dataSource,
                new OpenTimes(Duration.ofNanos(opened - start), Duration.ofNanos(System.nanoTime() - opened)));
    }

    /**
     * A URL, or a message that may hold one, as messages may show it: a {@code password=} parameter
     * and the password of a {@code //user:password@host} login are masked.
     */
    static String withoutPassword(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;\\s]*", "$1***")
                .replaceAll("(//[^/@:?#;\\s]*:)[^@/\\s]*@", "$1***@");
    }

    /** An empty user or password is left to the URL (PostgreSQL's {@code ?user=}) or the driver. */
    private static HikariConfig config(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (!user.isEmpty()) {
            config.setUsername(user);
        }
        if (!password.isEmpty()) {
            config.setPassword(password);
        }
        config.setPoolName(POOL_NAME);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setExceptionOverride(new SQLExceptionOverride() {
            @java.lang.Override
            public SQLExceptionOverride.Override adjudicate(SQLException e) {
                return H2_CONNECTION_LOST.contains(e.getErrorCode())
                        ? SQLExceptionOverride.Override.MUST_EVICT
                        : SQLExceptionOverride.Override.CONTINUE_EVICT;
            }
        });
        return config;
    }

    /** The versions of {@link #migrate}'s migrations written in Java. */
    static final java.util.List<String> JAVA_MIGRATIONS = java.util.List.of("5.1", "18.1", "19");

    /**
     * A database that has every migration of this jar is left as it is ({@link MigrationsApplied}):
     * Flyway's checks of a started database cost most of a restart. The migrations live in this jar, so they are looked up with its class loader, not the
     * thread's (which, in library mode, belongs to the application).
     */
    private static void migrate(DataSource dataSource, String jdbcUrl) {
        if (MigrationsApplied.upToDate(dataSource, Database.class.getClassLoader(), JAVA_MIGRATIONS)) {
            return;
        }
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("binary_type", binaryType(jdbcUrl), "attempt_id_cache", attemptIdCache(jdbcUrl)))
                .javaMigrations(
                        new V5_1__AttemptTestKeys(), new V18_1__TestOutcomeTestKeys(), new V19__TestOutcomeByRun())
                .load()
                .migrate();
    }

    /**
     * The one column type the migrations cannot spell the same way everywhere: H2 keeps large
     * binary values as {@code blob}, PostgreSQL as {@code bytea}. A placeholder rather than a copy of
     * the migration per database, since Flyway checksums a migration before replacing placeholders.
     */
    static String binaryType(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? "bytea" : "blob";
    }

    /**
     * How many attempt ids the database keeps in memory (V8): on H2 enough for a large run's
     * batches, since it writes the file each time the cache runs out; on PostgreSQL 1, its default,
     * since its cache is per session and would list a run's attempts out of order.
     */
    static String attemptIdCache(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? "1" : "10000";
    }

    private static IllegalStateException openFailure(String what, RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IN_USE) {
                return new IllegalStateException(
                        what + " is in use by another process: stop it, or give this daemon another data dir", e);
            }
        }
        return new IllegalStateException("cannot open " + what + ": " + describe(e), e);
    }

    /**
     * What the database said, in one line: its own message when there is one (it names the file,
     * such as {@code IO Exception: "/data/handoff.mv.db" [90028-232]}), not the low-level cause under it.
     */
    private static String describe(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && cause.getMessage() != null) {
                return withoutPassword(Transactions.firstLine(cause.getMessage()));
            }
        }
        return withoutPassword(Transactions.firstLine(e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Whether the database answers a trivial query, for readiness checks; answered within
     * {@link #REACHABLE_WAIT}, whatever the database does. While it is away a probe can take the
     * pool's whole connection timeout (10 s) to fail; {@code /ready} must not take that long, or
     * keep answering 200 meanwhile. So one probe runs at a time on a thread of its own, callers
     * wait for it at most {@link #REACHABLE_WAIT}, and one that has not answered by then counts as
     * unreachable (also when all pooled connections are busy that long).
     */
    public boolean isReachable() {
        CompletableFuture<Boolean> current;
        synchronized (this) {
            current = probe;
            if (current == null || current.isDone()) {
                current = CompletableFuture.supplyAsync(this::probe, PROBES);
                probe = current;
            }
        }
        try {
            return current.get(REACHABLE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean probe() {
        // Connection.isValid, not a query timeout: H2 keeps a statement's timeout on the pooled
        // connection, where it would cancel any later statement that takes longer.
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(REACHABLE_TIMEOUT_SECONDS);
            if (!valid) {
                // A dead connection must not go back to the pool: the next probe takes a fresh one.
                dataSource.evictConnection(connection);
            }
            return valid;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Closes the pool; with its last connection H2 closes the file. */
    @Override
    public void close() {
        dataSource.close();
    }
}
