package dev.handoff.daemon.store;

import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.StoreException;
import dev.handoff.daemon.model.TestOutcome;
import dev.handoff.daemon.model.TestOutcomes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A test's outcomes across a suite's newest runs. Two index reads rather than a join over the
 * suite's whole history: the newest runs from the (suite, number) index, then, per run, the
 * test's latest attempt from the (run, test, number) one. Attempt numbers go on across a run's
 * executions, so the latest attempt's number is the test's attempt count.
 */
final class TestHistory {

    private TestHistory() {}

    private record RunRow(long key, long number, Instant createdAt) {}

    static TestOutcomes read(Connection connection, String suite, String test, int runs) throws SQLException {
        List<RunRow> newest = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select id, number, created_at from suite_run"
                + " where suite = ? order by suite desc, number desc fetch first ? rows only")) {
            query.setString(1, suite);
            query.setInt(2, runs);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    newest.add(new RunRow(row.getLong(1), row.getLong(2), Sql.requiredInstant(row, "created_at")));
                }
            }
        }
        List<TestOutcome> outcomes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "select number, result, soft, flaky, started_at, finished_at"
                        + " from attempt where run_id = ? and test = ? order by run_id desc, test desc, number desc fetch first 1 rows only")) {
            for (RunRow run : newest) {
                query.setLong(1, run.key());
                query.setString(2, Sql.storable(test));
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        outcomes.add(new TestOutcome(
                                new RunId(suite, run.number()),
                                run.createdAt(),
                                result(row.getString("result")),
                                row.getInt("number"),
                                row.getBoolean("flaky"),
                                row.getBoolean("soft"),
                                Duration.between(
                                        Sql.requiredInstant(row, "started_at"),
                                        Sql.requiredInstant(row, "finished_at"))));
                    }
                }
            }
        }
        return new TestOutcomes(outcomes, newest.size());
    }

    private static AttemptResult result(String label) {
        return AttemptResult.fromLabel(label)
                .orElseThrow(() -> new StoreException("a stored attempt has the unknown result '" + label + "'"));
    }
}
