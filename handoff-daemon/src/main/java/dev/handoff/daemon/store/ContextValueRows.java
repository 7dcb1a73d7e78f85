package dev.handoff.daemon.store;

import dev.handoff.daemon.model.RunId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Context values that hooks add after a run ended: the run's own in {@code suite_run.context_values},
 * a test's merged into its latest attempt's, beside the values the test set itself. Each add reads
 * and rewrites the JSON under a row lock, so two hooks adding at once both keep theirs.
 */
final class ContextValueRows {

    private ContextValueRows() {}

    /** The values hooks added to the run; empty when none. */
    static Map<String, String> ofRun(Connection connection, RunId id) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("select context_values from suite_run where suite = ? and number = ?")) {
            Sql.setRunId(query, 1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Json.strings(row.getString(1)) : Map.of();
            }
        }
    }

    /** @return false when there is no such run, or the test has no attempt in it */
    static boolean add(Connection connection, RunId id, Optional<String> test, Map<String, String> values)
            throws SQLException {
        String select = test.isEmpty()
                ? "select id, context_values from suite_run where suite = ? and number = ? for update"
                : "select a.id, a.context_values from attempt a where a.run_id = (select r.id from suite_run r"
                        + " where r.suite = ? and r.number = ?) and a.test = ? order by a.number desc fetch first 1 rows only for update";
        String update = test.isEmpty()
                ? "update suite_run set context_values = ? where id = ?"
                : "update attempt set context_values = ? where id = ?";
        long key;
        Map<String, String> merged;
        try (PreparedStatement query = connection.prepareStatement(select)) {
            Sql.setRunId(query, 1, id);
            if (test.isPresent()) {
                query.setString(3, Sql.storable(test.get()));
            }
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                key = row.getLong(1);
                merged = new TreeMap<>(Json.strings(row.getString(2)));
            }
        }
        merged.putAll(values);
        try (PreparedStatement write = connection.prepareStatement(update)) {
            write.setString(1, Json.stringsOrNull(merged));
            write.setLong(2, key);
            write.executeUpdate();
        }
        return true;
    }
}
