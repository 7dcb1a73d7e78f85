package dev.handoff.daemon.store;

import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.Quarantine;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.StoreException;
import dev.handoff.daemon.model.TestRunOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code test_outcome} table: each test's final attempt in each finished run, written when the
 * run finishes, read by the stability of a suite's tests. A suite's window is its newest finished
 * runs (from the {@code (suite, number)} index), and its outcomes one range of the {@code (suite,
 * run_number)} or {@code (suite, test, run_number)} index: the cost grows with the window, not
 * with the history.
 */
final class TestOutcomeRows {

    private TestOutcomeRows() {}

    /** Writes the run's outcomes again (a retried run finishes more than once). */
    static void materialize(Connection connection, long runKey, RunId id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from test_outcome where run_id = ?")) {
            delete.setLong(1, runKey);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into test_outcome (run_id, suite,"
                + " run_number, test, result, attempts, flaky, quarantined, finished_at, failure_message)"
                + " select a.run_id, ?, ?, a.test, a.result, a.number, a.flaky,"
                + " case when a.result = 'soft-failed' and a.context_values like ? then true else false end,"
                + " a.finished_at, substring(a.failure_message from 1 for 2000)"
                + " from attempt a where a.run_id = ? and a.result in ('passed', 'failed', 'soft-failed')"
                + " and a.number = (select max(b.number) from attempt b where b.run_id = a.run_id"
                + " and b.test_key = a.test_key and b.test = a.test)")) {
            insert.setString(1, id.suite());
            insert.setLong(2, id.number());
            insert.setString(3, "%\"" + Quarantine.VALUE_KEY + "\"%");
            insert.setLong(4, runKey);
            insert.executeUpdate();
        }
    }

    /** The number of the oldest run in the suite's window of finished runs; empty when none finished. */
    static Optional<Long> windowStart(Connection connection, String suite, int window) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select number from suite_run"
                + " where suite = ? and finished_at is not null order by suite desc, number desc"
                + " fetch first ? rows only")) {
            query.setString(1, suite);
            query.setInt(2, window);
            Long oldest = null;
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    oldest = row.getLong(1);
                }
            }
            return Optional.ofNullable(oldest);
        }
    }

    /** Every test's outcomes in the window, newest first, tests in name order. */
    static Map<String, List<TestRunOutcome>> ofSuite(Connection connection, String suite, long fromRun)
            throws SQLException {
        Map<String, List<TestRunOutcome>> byTest = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("select " + COLUMNS
                + " from test_outcome where suite = ? and run_number >= ? order by suite desc, run_number desc")) {
            query.setString(1, suite);
            query.setLong(2, fromRun);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    byTest.computeIfAbsent(row.getString("test"), t -> new ArrayList<>())
                            .add(outcome(row));
                }
            }
        }
        Map<String, List<TestRunOutcome>> sorted = new java.util.TreeMap<>(byTest);
        return sorted;
    }

    /** One test's outcomes in the window, newest first. */
    static List<TestRunOutcome> ofTest(Connection connection, String suite, String test, long fromRun)
            throws SQLException {
        List<TestRunOutcome> outcomes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select " + COLUMNS + " from test_outcome"
                + " where suite = ? and test = ? and run_number >= ?"
                + " order by suite desc, test desc, run_number desc")) {
            query.setString(1, suite);
            query.setString(2, Sql.storable(test));
            query.setLong(3, fromRun);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    outcomes.add(outcome(row));
                }
            }
        }
        return outcomes;
    }

    private static final String COLUMNS =
            "test, run_number, result, attempts, flaky, quarantined, finished_at, failure_message";

    private static TestRunOutcome outcome(ResultSet row) throws SQLException {
        String label = row.getString("result");
        return new TestRunOutcome(
                row.getLong("run_number"),
                AttemptResult.fromLabel(label)
                        .orElseThrow(() ->
                                new StoreException("a stored test outcome has the unknown result '" + label + "'")),
                row.getInt("attempts"),
                row.getBoolean("flaky"),
                row.getBoolean("quarantined"),
                Sql.requiredInstant(row, "finished_at"),
                Optional.ofNullable(row.getString("failure_message")));
    }
}
