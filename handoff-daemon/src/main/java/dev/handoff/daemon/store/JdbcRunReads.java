package dev.handoff.daemon.store;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.RunDetail;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.RunningTest;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestOutcomes;
import dev.handoff.daemon.model.TestSummary;
import dev.handoff.daemon.store.RunRows.StoredRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link RunReads} on a relational database: what the API, the pages and the reports read, each
 * read one transaction. {@link JdbcRunStore} extends it with the run queue and the recording.
 */
class JdbcRunReads implements RunReads {

    final Transactions transactions;

    JdbcRunReads(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<SuiteRun> find(RunId id) {
        return transactions.run(
                "cannot read run " + id,
                connection -> RunRows.load(connection, id).map(StoredRun::run));
    }

    @Override
    public Optional<RunDetail> detail(RunId id) {
        return transactions.run("cannot read run " + id, connection -> {
            Optional<StoredRun> run = RunRows.load(connection, id);
            if (run.isEmpty()) {
                return Optional.empty();
            }
            List<TestSummary> tests = AttemptTable.latest(connection, run.get().key());
            return Optional.of(new RunDetail(
                    run.get().run(),
                    tests,
                    setupLog(connection, id, ""),
                    ContextValueRows.ofRun(connection, id),
                    running(connection, run.get()),
                    ExecutionRows.of(connection, run.get().key())));
        });
    }

    @Override
    public List<Attempt> attempts(RunId id, String test) {
        return transactions.run("cannot read the attempts of " + test + " in run " + id, connection -> {
            Optional<RunKey> key = key(connection, id);
            return key.isEmpty()
                    ? List.of()
                    : AttemptTable.all(connection, key.get().id(), test);
        });
    }

    @Override
    public List<TestSummary> tests(RunId id) {
        return transactions.run("cannot read the tests of run " + id, connection -> {
            Optional<RunKey> key = key(connection, id);
            return key.isEmpty()
                    ? List.of()
                    : AttemptTable.latest(connection, key.get().id());
        });
    }

    @Override
    public List<SuiteRun> runs(String suite, RunQuery query) {
        if (query.limit() <= 0) {
            return List.of();
        }
        return transactions.run("cannot list the runs of " + suite, connection -> {
            try (PreparedStatement select = RunPage.prepare(connection, suite, query)) {
                return RunRows.runs(select).stream().map(StoredRun::run).toList();
            }
        });
    }

    /** Read backwards from the suite's newest run, on the (suite, ref, number) index when a ref is given. */
    @Override
    public Optional<SuiteRun> latest(String suite, LatestQuery query) {
        return transactions.run("cannot read the latest run of " + suite, connection -> {
            StringBuilder sql = new StringBuilder("select " + RunRows.COLUMNS + " from suite_run where suite = ?");
            List<String> values = new java.util.ArrayList<>(List.of(suite));
            query.ref().ifPresent(ref -> {
                sql.append(" and ref = ?");
                values.add(ref);
            });
            query.result().ifPresent(result -> {
                sql.append(" and result = ?");
                values.add(result.label());
            });
            query.initiatedBy().ifPresent(by -> {
                sql.append(" and initiated_by = ?");
                values.add(by);
            });
            sql.append(" order by number desc fetch first 1 rows only");
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    select.setString(i + 1, values.get(i));
                }
                return RunRows.first(select).map(StoredRun::run);
            }
        });
    }

    /** One lookup per suite on the (suite, number) index, read backwards from the newest run. */
    @Override
    public Map<String, SuiteRun> latestRuns(Collection<String> suites) {
        return transactions.run("cannot read the latest runs", connection -> {
            Map<String, SuiteRun> latest = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement("select " + RunRows.COLUMNS
                    + " from suite_run where suite = ? order by suite desc, number desc fetch first 1 rows only")) {
                for (String suite : suites) {
                    query.setString(1, suite);
                    RunRows.first(query).ifPresent(run -> latest.put(suite, run.run()));
                }
            }
            return latest;
        });
    }

    /** One backward read of at most {@code limit} rows per suite on the (suite, number) index. */
    @Override
    public Map<String, List<SuiteRun>> recentRuns(Collection<String> suites, int limit) {
        if (limit <= 0) {
            return Map.of();
        }
        return transactions.run("cannot read the recent runs", connection -> {
            Map<String, List<SuiteRun>> recent = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement("select " + RunRows.COLUMNS
                    + " from suite_run where suite = ? order by suite desc, number desc fetch first ? rows only")) {
                for (String suite : suites) {
                    query.setString(1, suite);
                    query.setInt(2, limit);
                    List<SuiteRun> runs =
                            RunRows.runs(query).stream().map(StoredRun::run).toList();
                    if (!runs.isEmpty()) {
                        recent.put(suite, runs);
                    }
                }
            }
            return recent;
        });
    }

    @Override
    public TestOutcomes testHistory(String suite, String test, int runs) {
        if (runs <= 0) {
            return TestOutcomes.NONE;
        }
        return transactions.run(
                "cannot read the history of " + test + " in " + suite,
                connection -> TestHistory.read(connection, suite, test, runs));
    }

    /** What attempts need of a run: its primary key and current execution. */
    record RunKey(long id, int execution) {}

    static Optional<RunKey> key(Connection connection, RunId id) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("select id, execution from suite_run where suite = ? and number = ?")) {
            Sql.setRunId(query, 1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new RunKey(row.getLong(1), row.getInt(2))) : Optional.empty();
            }
        }
    }

    /** What a running run executes now; nothing for a run in any other state, whatever is left in the column. */
    private static List<RunningTest> running(Connection connection, StoredRun run) throws SQLException {
        if (run.run().result() != RunResult.RUNNING) {
            return List.of();
        }
        try (PreparedStatement query =
                connection.prepareStatement("select running_tests from suite_run where id = ?")) {
            query.setLong(1, run.key());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Json.running(row.getString(1)) : List.of();
            }
        }
    }

    static String setupLog(Connection connection, RunId id, String lock) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("select setup_log from suite_run where suite = ? and number = ?" + lock)) {
            Sql.setRunId(query, 1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Gzip.decompress(row.getBytes(1)) : "";
            }
        }
    }
}
