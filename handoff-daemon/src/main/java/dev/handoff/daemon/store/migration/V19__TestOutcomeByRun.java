package dev.handoff.daemon.store.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * {@code test_outcome} loses its key and its two indexes by suite, and is found by run alone (issue
 * 21). Each stored attempt wrote an entry into three indexes of the table, two of them ordered by
 * the test name's hash, so a batch of attempts touched a page of each index per test: on H2,
 * storing an attempt and its outcome row cost about 85 us, and 24 to 32 us with the one index by
 * run. A suite's stability reads its window's runs by that index; one test's history reads its
 * attempts by their key {@code (run_id, test_key, number)}.
 *
 * <p>In Java because the foreign key to {@code suite_run} has a name each database chose (H2 {@code
 * CONSTRAINT_...}, PostgreSQL {@code test_outcome_run_id_fkey}), and it is dropped and added again
 * after the index: H2 gives a foreign key its own index when the key's index goes, and takes an
 * existing one only when the foreign key is added, so this way the table keeps one index on H2 as
 * on PostgreSQL. Flyway takes its version (19) from the class name.
 */
public final class V19__TestOutcomeByRun extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        List<String> foreignKeys = foreignKeys(connection);
        try (Statement statement = connection.createStatement()) {
            for (String name : foreignKeys) {
                statement.execute("alter table test_outcome drop constraint " + quoted(name));
            }
            statement.execute("alter table test_outcome drop constraint test_outcome_key");
            statement.execute("drop index test_outcome_by_suite");
            statement.execute("drop index test_outcome_by_test");
            statement.execute("create index test_outcome_run on test_outcome (run_id)");
            statement.execute("alter table test_outcome add constraint test_outcome_run_fk foreign key (run_id)"
                    + " references suite_run (id) on delete cascade");
        }
    }

    private static List<String> foreignKeys(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select constraint_name from"
                        + " information_schema.table_constraints where lower(table_name) = 'test_outcome'"
                        + " and constraint_type = 'FOREIGN KEY' and table_schema = current_schema");
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                names.add(row.getString(1));
            }
        }
        return names;
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
