package dev.handoff.daemon.store;

import dev.handoff.daemon.model.StoreException;
import dev.handoff.daemon.model.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Runs a piece of work in one transaction on a pooled connection, and runs it again when it lost a
 * race with a concurrent transaction: a unique key taken in the meantime, a lock it waited too long
 * for, a deadlock. The work must therefore read before it decides, never trust what it read in an
 * earlier try. Other SQL errors become {@link StoreException}s saying what was being done. What
 * the work read is in the database file when it returns ({@link SeenIsStored}).
 */
final class Transactions {

    /** Unique violation (both databases), serialization failure, PostgreSQL deadlock, H2 lock timeout. */
    private static final Set<String> RACES = Set.of("23505", "40001", "40P01", "HYT00");

    private static final int MAX_TRIES = 25;

    /** PostgreSQL: admin shutdown, crash shutdown, cannot connect now (starting up). */
    private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03");

    /** H2: connection broken, database closed, database called at shutdown. */
    private static final Set<Integer> H2_UNREACHABLE = Set.of(
            org.h2.api.ErrorCode.CONNECTION_BROKEN_1,
            org.h2.api.ErrorCode.DATABASE_IS_CLOSED,
            org.h2.api.ErrorCode.DATABASE_CALLED_AT_SHUTDOWN);

    private final DataSource dataSource;
    private final SeenIsStored seenIsStored = new SeenIsStored();

    Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** @param what what the work does, in the words of an error message: "cannot create a run of X" */
    <T> T run(String what, Work<T> work) {
        for (int tries = 1; ; tries++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (isUnreachable(e)) {
                    throw new StoreUnavailableException(
                            what + ": the database is unreachable (" + describe(e) + ")", e);
                }
                if (tries == MAX_TRIES || !isRace(e)) {
                    throw new StoreException(what + ": " + describe(e), e);
                }
                backOff(tries, what);
            }
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
            seenIsStored.after(connection);
            return result;
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Whether the database could not be reached, rather than refused the work: a lost or refused
     * connection (SQL state class 08, JDBC's connection exception types, HikariCP's timeout waiting
     * for one), a server shutting down or starting (PostgreSQL's 57P01 to 57P03), or H2's codes for
     * a broken connection or a closed database.
     */
    static boolean isUnreachable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (SQLException s = t instanceof SQLException sql ? sql : null; s != null; s = s.getNextException()) {
                String state = s.getSQLState();
                if (s instanceof SQLTransientConnectionException
                        || s instanceof SQLNonTransientConnectionException
                        || s instanceof SQLRecoverableException
                        || state != null && (state.startsWith("08") || UNREACHABLE_STATES.contains(state))
                        || H2_UNREACHABLE.contains(s.getErrorCode()) && isH2(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isH2(SQLException e) {
        return e.getClass().getName().startsWith("org.h2.");
    }

    /** Looks through the whole chain: a failed JDBC batch reports the row's error as a next exception. */
    static boolean isRace(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (SQLException s = t instanceof SQLException sql ? sql : null; s != null; s = s.getNextException()) {
                if (s.getSQLState() != null && RACES.contains(s.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void backOff(int tries, String what) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 2 + 4 * tries));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(what + ": interrupted", e);
        }
    }

    /**
     * The database's reason in one line. PostgreSQL reports a failed batch as "Batch entry 0 insert
     * ... was aborted", quoting the statement with every value bound to it (a test's log, say), and
     * puts the reason in the next exception: that one is shown.
     */
    static String describe(SQLException e) {
        SQLException reason = e.getNextException() != null ? e.getNextException() : e;
        return firstLine(reason.getMessage());
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
