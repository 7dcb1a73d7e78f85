package dev.handoff.daemon.store.migration;

import dev.handoff.daemon.store.TestKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills {@code test_outcome.test_key} of the rows stored before V18, in batches, with the keys
 * {@link TestKey} computes for new rows (in Java for the reason {@link V5_1__AttemptTestKeys} gives).
 * Flyway takes its version (18.1) from the class name.
 */
public final class V18_1__TestOutcomeTestKeys extends BaseJavaMigration {

    private static final int BATCH = 1_000;

    private record Row(long runId, String test) {}

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        while (true) {
            List<Row> rows = new ArrayList<>(BATCH);
            try (PreparedStatement query = connection.prepareStatement(
                            "select run_id, test from test_outcome where test_key is null fetch first " + BATCH
                                    + " rows only");
                    ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(new Row(row.getLong(1), row.getString(2)));
                }
            }
            if (rows.isEmpty()) {
                return;
            }
            try (PreparedStatement update =
                    connection.prepareStatement("update test_outcome set test_key = ? where run_id = ? and test = ?")) {
                for (Row row : rows) {
                    update.setString(1, TestKey.of(row.test()));
                    update.setLong(2, row.runId());
                    update.setString(3, row.test());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
    }
}
