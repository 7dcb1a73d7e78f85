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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code test_outcome} table: each test's final attempt in each run, read by the stability of a
 * suite's tests. A suite's window is its newest finished runs (from the {@code (suite, number)}
 * index), and its outcomes the rows of those runs (by the {@code run_id} index): the cost grows
 * with the window, not with the history. One test's outcomes are read from its attempts in those
 * runs instead, by the attempts' key {@code (run_id, test_key, number)}, so the table needs no
 * index by test.
 *
 * <p>The rows follow the attempts: each transaction that stores attempts writes their tests' rows
 * ({@link #follow}), so a run's rows are written while it runs, by the writer beside the tests, and
 * its finish only checks that they are all there ({@link #complete}). The table has that one index
 * because the writer's cost grows with the index entries each attempt writes: with a key and two
 * indexes ordered by the test name's hash, storing an attempt and its row cost H2 about 85 us, 32
 * us with the {@code run_id} index alone, 26 us without the row. The rows of a run not yet finished
 * (or being retried) are left out of every read, so what the stability shows still comes from
 * finished runs only.
 */
final class TestOutcomeRows {

    private TestOutcomeRows() {}

    /** The attempt results that end a test in a run; a test whose latest attempt has another has no row. */
    private static final Set<AttemptResult> FINAL =
            EnumSet.of(AttemptResult.PASSED, AttemptResult.FAILED, AttemptResult.SOFT_FAILED);

    /** The longest failure message kept in a row. */
    private static final int MESSAGE_CHARS = 2000;

    /** Whether an attempt with this result ends its test in the run, which then has a row. */
    static boolean endsTest(AttemptResult result) {
        return FINAL.contains(result);
    }

    /**
     * Makes the run's rows follow attempts just stored in the same transaction: each test's newest
     * of them gets its row when its result ends the test. A test that had a row from this execution
     * ({@code endedBefore}) loses it first, so that its newest attempt replaces it, or removes it
     * when its result does not end the test. That delete goes through the run's rows, as no index is
     * by test; the usual batch, of first attempts, of attempts after a retrying one, and of the tests
     * a retried run runs again ({@link #retried}), deletes nothing.
     */
    static void follow(Connection connection, long runKey, RunId id, List<Attempt> stored, Set<String> endedBefore)
            throws SQLException {
        if (stored.isEmpty()) {
            return;
        }
        Map<String, Attempt> newest = new LinkedHashMap<>();
        for (Attempt attempt : stored) {
            newest.merge(attempt.test(), attempt, (a, b) -> b.number() >= a.number() ? b : a);
        }
        if (!endedBefore.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from test_outcome where run_id = ? and test_key = ? and test = ?")) {
                for (String test : endedBefore) {
                    String storable = Sql.storable(test);
                    delete.setLong(1, runKey);
                    delete.setString(2, TestKey.of(storable));
                    delete.setString(3, storable);
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
                if (!endsTest(attempt.result())) {
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
                insert.setBoolean(8, quarantined(attempt.result(), attempt.values()));
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

    /**
     * A finished run is retried: the rows of the tests it runs again go, those whose latest attempt
     * failed (a retry runs every test of its scope that did not pass or fail softly, and only those
     * of them that failed have a row). One pass over the run's rows here, where replacing them one
     * by one as their new attempts come went through the run's rows once per test (10,000 failed
     * tests retried: 20 to 27 s of writing instead of 1.5 to 2). A row removed for a test that does
     * not run again (one the suite no longer has) is written again at the finish ({@link #complete}).
     */
    static void retried(Connection connection, long runKey) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("delete from test_outcome where run_id = ? and result = ?")) {
            delete.setLong(1, runKey);
            delete.setString(2, AttemptResult.FAILED.label());
            delete.executeUpdate();
        }
    }

    /** Whether an attempt failed while its test was quarantined: stored as a soft failure with the quarantine's value. */
    private static boolean quarantined(AttemptResult result, Map<String, String> values) {
        return result == AttemptResult.SOFT_FAILED && values.containsKey(Quarantine.VALUE_KEY);
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
        Map<String, List<TestRunOutcome>> byTest = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement("select " + COLUMNS
                + " from suite_run r join test_outcome o on o.run_id = r.id"
                + " where r.suite = ? and r.number >= ? and r.result not in " + RunRows.UNFINISHED
                + " order by r.suite desc, r.number desc")) {
            query.setString(1, suite);
            query.setLong(2, fromRun);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    byTest.computeIfAbsent(row.getString("test"), t -> new ArrayList<>())
                            .add(outcome(row));
                }
            }
        }
        return byTest;
    }

    /**
     * One test's outcomes in the window, newest first: in each finished run, its latest attempt
     * when that ended the test, as its row holds it. Read from the attempts by their key, one range
     * per run of the window, where the rows would be searched among all of each run's.
     */
    static List<TestRunOutcome> ofTest(Connection connection, String suite, String test, long fromRun)
            throws SQLException {
        List<TestRunOutcome> outcomes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select r.number as run_number, a.number,"
                + " a.result, a.flaky, a.finished_at, a.failure_message, a.context_values"
                + " from suite_run r join attempt a on a.run_id = r.id"
                + " where r.suite = ? and r.number >= ? and r.result not in " + RunRows.UNFINISHED
                + " and a.test_key = ? and a.test = ?"
                + " order by r.suite desc, r.number desc, a.number desc")) {
            query.setString(1, suite);
            query.setLong(2, fromRun);
            String storable = Sql.storable(test);
            query.setString(3, TestKey.of(storable));
            query.setString(4, storable);
            long previousRun = -1;
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    long run = row.getLong("run_number");
                    if (run == previousRun) {
                        // An earlier attempt of a run whose latest was read.
                        continue;
                    }
                    previousRun = run;
                    AttemptResult result = result(row);
                    if (!endsTest(result)) {
                        continue;
                    }
                    Map<String, String> values = result == AttemptResult.SOFT_FAILED
                            ? Json.strings(row.getString("context_values"))
                            : Map.of();
                    outcomes.add(new TestRunOutcome(
                            run,
                            result,
                            row.getInt("number"),
                            row.getBoolean("flaky"),
                            quarantined(result, values),
                            Sql.requiredInstant(row, "finished_at"),
                            Optional.ofNullable(message(row.getString("failure_message")))));
                }
            }
        }
        return outcomes;
    }

    private static final String COLUMNS =
            "o.test, o.run_number, o.result, o.attempts, o.flaky, o.quarantined, o.finished_at, o.failure_message";

    private static TestRunOutcome outcome(ResultSet row) throws SQLException {
        return new TestRunOutcome(
                row.getLong("run_number"),
                result(row),
                row.getInt("attempts"),
                row.getBoolean("flaky"),
                row.getBoolean("quarantined"),
                Sql.requiredInstant(row, "finished_at"),
                Optional.ofNullable(row.getString("failure_message")));
    }

    private static AttemptResult result(ResultSet row) throws SQLException {
        String label = row.getString("result");
        return AttemptResult.fromLabel(label)
                .orElseThrow(() -> new StoreException("a stored test outcome has the unknown result '" + label + "'"));
    }
}
