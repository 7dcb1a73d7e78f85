package dev.handoff.daemon.store.migration;

import dev.handoff.daemon.store.TestKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills {@code attempt.test_key} of the attempts stored before V5, in batches. In Java because
 * H2 and PostgreSQL spell SHA-256 and hex differently, and the keys must be exactly those
 * {@link TestKey} computes for new attempts. Flyway takes its version (5.1) from the class name.
 */
public final class V5_1__AttemptTestKeys extends BaseJavaMigration {

    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        while (true) {
            Map<Long, String> tests = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                            "select id, test from attempt where test_key is null order by id fetch first " + BATCH
                                    + " rows only");
                    ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    tests.put(row.getLong(1), row.getString(2));
                }
            }
            if (tests.isEmpty()) {
                return;
            }
            try (PreparedStatement update =
                    connection.prepareStatement("update attempt set test_key = ? where id = ?")) {
                for (Map.Entry<Long, String> test : tests.entrySet()) {
                    update.setString(1, TestKey.of(test.getValue()));
                    update.setLong(2, test.getKey());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
    }
}
