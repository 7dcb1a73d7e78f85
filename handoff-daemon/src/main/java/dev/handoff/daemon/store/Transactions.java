package dev.handoff.daemon.store;

import dev.handoff.daemon.model.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
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
