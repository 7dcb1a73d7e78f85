package dev.handoff.daemon.store;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.Quarantine;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.StoreException;
import dev.handoff.daemon.model.TestCounts;
import dev.handoff.daemon.model.TestRunOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code test_outcome} table: each test's final attempt in each run, read by the stability of a
 * suite's tests. A suite's window is its newest finished runs (from the {@code (suite, number)}
 * index), and its outcomes one range of the {@code (suite, run_number)} or {@code (suite, test_key,
 * run_number)} index, less the rows of runs not finished: the cost grows with the window, not with
 * the history.
 *
 * <p>The rows follow the attempts: each transaction that stores attempts writes their tests' rows
 * ({@link #follow}), so a run's rows are written while it runs, by the writer beside the tests, and
 * its finish only checks that they are all there ({@link #complete}). Written all at the finish,
 * ten thousand rows and their two indexes held the run's end for about a third of a second, the
 * largest part of what recording added to a run of ten thousand quick tests. The rows of a run not
 * yet finished (or being retried) are left out of every read, so what the stability shows still
 * comes from finished runs only.
 */
final class TestOutcomeRows {

    private TestOutcomeRows() {}

    /** The attempt results that end a test in a run; a test whose latest attempt has another has no row. */
    private static final Set<AttemptResult> FINAL =
            EnumSet.of(AttemptResult.PASSED, AttemptResult.FAILED, AttemptResult.SOFT_FAILED);

    /** The longest failure message kept in a row. */
    private static final int MESSAGE_CHARS = 2000;

    /**
     * Makes the run's rows follow attempts just stored in the same transaction: each test's newest
     * of them replaces the test's row, or removes it when its result does not end the test (a retry
     * under way, a skip). A test's first attempt (number 1) can have no row yet, so the usual batch
     * only inserts.
     */
    static void follow(Connection connection, long runKey, RunId id, List<Attempt> stored) throws SQLException {
        if (stored.isEmpty()) {
            return;
        }
        Map<String, Attempt> newest = new LinkedHashMap<>();
        for (Attempt attempt : stored) {
            newest.merge(attempt.test(), attempt, (a, b) -> b.number() >= a.number() ? b : a);
        }
        List<Attempt> replaced =
                newest.values().stream().filter(attempt -> attempt.number() > 1).toList();
        if (!replaced.isEmpty()) {
            try (PreparedStatement delete =
                    connection.prepareStatement("delete from test_outcome where run_id = ? and test_key = ?")) {
                for (Attempt attempt : replaced) {
                    delete.setLong(1, runKey);
                    delete.setString(2, TestKey.of(Sql.storable(attempt.test())));
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into test_outcome (run_id, suite,"
                + " run_number, test, result, attempts, flaky, quarantined, finished_at, failure_message, test_key)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int rows = 0;
            for (Attempt attempt : newest.values()) {
                if (!FINAL.contains(attempt.result())) {
                    continue;
                }
                insert.setLong(1, runKey);
                insert.setString(2, id.suite());
                insert.setLong(3, id.number());
                String test = Sql.storable(attempt.test());
                insert.setString(4, test);
                insert.setString(11, TestKey.of(test));
                insert.setString(5, attempt.result().label());
                insert.setInt(6, attempt.number());
                insert.setBoolean(7, attempt.flaky());
                insert.setBoolean(
                        8,
                        attempt.result() == AttemptResult.SOFT_FAILED
                                && attempt.values().containsKey(Quarantine.VALUE_KEY));
                Sql.setInstant(insert, 9, attempt.finishedAt());
                insert.setString(
                        10, attempt.failure().map(f -> message(f.message())).orElse(null));
                insert.addBatch();
                rows++;
            }
            if (rows > 0) {
                insert.executeBatch();
            }
        }
    }

    /** The message as a row keeps it: NUL replaced, cut to {@value #MESSAGE_CHARS} characters. */
    private static String message(String message) {
        String storable = Sql.storable(message);
        if (storable == null || storable.length() <= MESSAGE_CHARS) {
            return storable;
        }
        int end = Character.isHighSurrogate(storable.charAt(MESSAGE_CHARS - 1)) ? MESSAGE_CHARS - 1 : MESSAGE_CHARS;
        return storable.substring(0, end);
    }

    /**
     * At the run's finish, in its transaction: makes sure that every test whose latest attempt ends
     * it has its row, as {@link #follow} wrote them, and writes them all again from the attempts when
     * they are not (a run whose attempts were stored before the rows followed them, by an earlier
     * version). {@code counts} are the run's final counts: a test has a row when its latest attempt
     * passed, failed or failed softly, which they count, but for tests whose retry was cut short
     * (counted as failed, without a row): then the rows are written again too, which is right
     * anyway.
     */
    static void complete(Connection connection, long runKey, RunId id, TestCounts counts) throws SQLException {
        int rows;
        try (PreparedStatement query =
                connection.prepareStatement("select count(*) from test_outcome where run_id = ?")) {
            query.setLong(1, runKey);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                rows = row.getInt(1);
            }
        }
        if (rows != counts.passed() + counts.failed() + counts.softFailed()) {
            materialize(connection, runKey, id);
        }
    }

    /**
     * Removes the run's rows: when attempts were stored without the driver saying which were new,
     * so the rows could not follow them, and before {@link #materialize} writes them all.
     */
    static void forget(Connection connection, long runKey) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from test_outcome where run_id = ?")) {
            delete.setLong(1, runKey);
            delete.executeUpdate();
        }
    }

    /** Writes the run's outcomes again from its attempts. */
    static void materialize(Connection connection, long runKey, RunId id) throws SQLException {
        forget(connection, runKey);
        try (PreparedStatement insert = connection.prepareStatement("insert into test_outcome (run_id, suite,"
                + " run_number, test, result, attempts, flaky, quarantined, finished_at, failure_message, test_key)"
                + " select a.run_id, ?, ?, a.test, a.result, a.number, a.flaky,"
                + " case when a.result = 'soft-failed' and a.context_values like ? then true else false end,"
                + " a.finished_at, substring(a.failure_message from 1 for " + MESSAGE_CHARS + "), a.test_key"
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
            Set<Long> unfinished = unfinished(connection, suite);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    if (!unfinished.contains(row.getLong("run_number"))) {
                        byTest.computeIfAbsent(row.getString("test"), t -> new ArrayList<>())
                                .add(outcome(row));
                    }
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
                + " where suite = ? and test_key = ? and test = ? and run_number >= ?"
                + " order by suite desc, test_key desc, run_number desc")) {
            query.setString(1, suite);
            String storable = Sql.storable(test);
            query.setString(2, TestKey.of(storable));
            query.setString(3, storable);
            query.setLong(4, fromRun);
            Set<Long> unfinished = unfinished(connection, suite);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    if (!unfinished.contains(row.getLong("run_number"))) {
                        outcomes.add(outcome(row));
                    }
                }
            }
        }
        return outcomes;
    }

    /** The numbers of the suite's runs pending or running (a few), from the {@code (suite, result, number)} index. */
    private static Set<Long> unfinished(Connection connection, String suite) throws SQLException {
        Set<Long> numbers = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(
                "select number from suite_run where suite = ? and result in " + RunRows.UNFINISHED)) {
            query.setString(1, suite);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    numbers.add(row.getLong(1));
                }
            }
        }
        return numbers;
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
