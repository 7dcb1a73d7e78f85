package dev.handoff.daemon.store;

import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.RunResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * Fills the database with finished history fast, for benchmarks and load tests: batched inserts,
 * no logs, spans or values, a transaction per chunk of runs. Not used by the daemon.
 *
 * <p>The runs are numbered after the suite's existing ones and created a minute apart from
 * {@code start}; each test has one attempt of a second. Every tenth run failed (its first test
 * failed), the others passed; each run's ref is {@code ref-<number>}.
 */
@API(status = API.Status.INTERNAL)
public final class BulkLoader {

    private static final int RUNS_PER_TRANSACTION = 500;
    private static final int FAILING_EVERY = 10;
    private static final int BATCH = 1_000;

    private final Transactions transactions;

    public BulkLoader(DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
    }

    public void insertHistory(String suite, int runs, int testsPerRun, Instant start) {
        if (runs <= 0) {
            return;
        }
        long last = transactions.run(
                "cannot number the history of " + suite, connection -> SuiteCounter.advance(connection, suite, runs));
        long first = last - runs + 1;
        for (long from = first; from <= last; from += RUNS_PER_TRANSACTION) {
            Chunk chunk =
                    new Chunk(suite, first, from, Math.min(last, from + RUNS_PER_TRANSACTION - 1), testsPerRun, start);
            transactions.run("cannot insert the history of " + suite, connection -> {
                chunk.insertRuns(connection);
                List<Long> keys = chunk.keys(connection);
                chunk.insertAttempts(connection, keys);
                chunk.insertOutcomes(connection, keys);
                return null;
            });
        }
    }

    /** Runs {@code from} to {@code to} of the history that starts at run {@code first}. */
    private record Chunk(String suite, long first, long from, long to, int tests, Instant start) {

        boolean failed(long number) {
            return number % FAILING_EVERY == 0;
        }

        Instant createdAt(long number) {
            return start.plus(Duration.ofMinutes(number - first));
        }

        void insertRuns(Connection connection) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("insert into suite_run (suite, number, result,"
                    + " ref, initiated_by, environment, parameters, execution, created_at, started_at, finished_at,"
                    + " passed, failed) values (?, ?, ?, ?, 'bulk', '', '{}', 0, ?, ?, ?, ?, ?)")) {
                for (long number = from; number <= to; number++) {
                    boolean failed = failed(number) && tests > 0;
                    Instant created = createdAt(number);
                    insert.setString(1, suite);
                    insert.setLong(2, number);
                    insert.setString(3, (failed ? RunResult.FAILED : RunResult.PASSED).label());
                    insert.setString(4, "ref-" + number);
                    Sql.setInstant(insert, 5, created);
                    Sql.setInstant(insert, 6, created.plusSeconds(1));
                    Sql.setInstant(insert, 7, created.plusSeconds(1 + tests));
                    insert.setInt(8, failed ? tests - 1 : tests);
                    insert.setInt(9, failed ? 1 : 0);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }

        List<Long> keys(Connection connection) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement(
                    "select id from suite_run" + " where suite = ? and number between ? and ? order by number")) {
                query.setString(1, suite);
                query.setLong(2, from);
                query.setLong(3, to);
                List<Long> keys = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        keys.add(row.getLong(1));
                    }
                }
                return keys;
            }
        }

        /** Each test's outcome in each run, as a finished run's are written ({@link TestOutcomeRows}). */
        void insertOutcomes(Connection connection, List<Long> keys) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("insert into test_outcome (run_id, suite,"
                    + " run_number, test, result, attempts, flaky, quarantined, finished_at, failure_message,"
                    + " test_key) values (?, ?, ?, ?, ?, 1, false, false, ?, ?, ?)")) {
                int rows = 0;
                for (int i = 0; i < keys.size(); i++) {
                    long number = from + i;
                    Instant begin = createdAt(number).plusSeconds(1);
                    for (int test = 0; test < tests; test++) {
                        boolean failed = test == 0 && failed(number);
                        insert.setLong(1, keys.get(i));
                        insert.setString(2, suite);
                        insert.setLong(3, number);
                        insert.setString(4, "test" + test);
                        insert.setString(5, (failed ? AttemptResult.FAILED : AttemptResult.PASSED).label());
                        Sql.setInstant(insert, 6, begin.plusSeconds(test + 1));
                        insert.setString(7, failed ? "expected: <200> but was: <500>" : null);
                        insert.setString(8, TestKey.of("test" + test));
                        insert.addBatch();
                        if (++rows % BATCH == 0) {
                            insert.executeBatch();
                        }
                    }
                }
                insert.executeBatch();
            }
        }

        void insertAttempts(Connection connection, List<Long> keys) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("insert into attempt (run_id, execution,"
                    + " test, number, max_attempts, result, soft, flaky, started_at, finished_at, failure_message, test_key)"
                    + " values (?, 0, ?, 1, 1, ?, false, false, ?, ?, ?, ?)")) {
                int rows = 0;
                for (int i = 0; i < keys.size(); i++) {
                    long number = from + i;
                    Instant begin = createdAt(number).plusSeconds(1);
                    for (int test = 0; test < tests; test++) {
                        boolean failed = test == 0 && failed(number);
                        insert.setLong(1, keys.get(i));
                        insert.setString(2, "test" + test);
                        insert.setString(3, (failed ? AttemptResult.FAILED : AttemptResult.PASSED).label());
                        Sql.setInstant(insert, 4, begin.plusSeconds(test));
                        Sql.setInstant(insert, 5, begin.plusSeconds(test + 1));
                        insert.setString(6, failed ? "expected: <200> but was: <500>" : null);
                        insert.setString(7, TestKey.of("test" + test));
                        insert.addBatch();
                        if (++rows % BATCH == 0) {
                            insert.executeBatch();
                        }
                    }
                }
                insert.executeBatch();
            }
        }
    }
}
