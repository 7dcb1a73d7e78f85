package dev.handoff.daemon.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Finding and deleting runs past retention, on the caller's transaction. */
final class RunRetention {

    private RunRetention() {}

    /** The oldest finished runs created before the cutoff, read along the created_at index. */
    static List<Long> oldFinished(Connection connection, Instant cutoff, int limit) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select id from suite_run"
                + " where created_at < ? and result not in " + RunRows.UNFINISHED
                + " order by created_at fetch first ? rows only")) {
            Sql.setInstant(query, 1, cutoff);
            query.setInt(2, limit);
            List<Long> keys = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    keys.add(row.getLong(1));
                }
            }
            return keys;
        }
    }

    /** Deletes the runs; their attempts go by the foreign key's {@code on delete cascade}. */
    static void delete(Connection connection, List<Long> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                // A run retried since it was selected is pending again: it stays.
                "delete from suite_run where id = ? and result not in ('pending', 'running')")) {
            for (long key : keys) {
                delete.setLong(1, key);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }
}
