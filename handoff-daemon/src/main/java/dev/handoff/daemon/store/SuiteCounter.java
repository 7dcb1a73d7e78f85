package dev.handoff.daemon.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Hands out run numbers from {@code suite_counter}, on the caller's transaction. The update locks
 * the suite's row until that transaction ends, so concurrent creates of one suite take turns and
 * a create that rolls back gives its number back: numbers stay unique and gap-free. The first run
 * of a suite inserts its row; two such inserts at once meet at the primary key, and the loser's
 * transaction runs again (see {@link Transactions}) and then finds the row.
 */
final class SuiteCounter {

    private SuiteCounter() {}

    /** @return the suite's next number */
    static long next(Connection connection, String suite) throws SQLException {
        return advance(connection, suite, 1);
    }

    /** Takes {@code count} numbers at once. @return the last of them */
    static long advance(Connection connection, String suite, int count) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("update suite_counter set last_number = last_number + ? where suite = ?")) {
            update.setInt(1, count);
            update.setString(2, suite);
            if (update.executeUpdate() == 0) {
                return insert(connection, suite, count);
            }
        }
        try (PreparedStatement query =
                connection.prepareStatement("select last_number from suite_counter where suite = ?")) {
            query.setString(1, suite);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static long insert(Connection connection, String suite, long last) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("insert into suite_counter (suite, last_number) values (?, ?)")) {
            insert.setString(1, suite);
            insert.setLong(2, last);
            insert.executeUpdate();
            return last;
        }
    }
}
