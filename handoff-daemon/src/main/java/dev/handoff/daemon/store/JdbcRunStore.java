package dev.handoff.daemon.store;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.RunDetail;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.RunningTest;
import dev.handoff.daemon.model.StoreException;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import dev.handoff.daemon.model.TestOutcomes;
import dev.handoff.daemon.model.TestSummary;
import dev.handoff.daemon.store.RunRows.StoredRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@link RunStore} on a relational database (H2 by default; the SQL is meant for PostgreSQL
 * too), with the schema of {@code db/migration}. Each method is one transaction; one that lost a
 * race with another daemon or thread is run again (see {@link Transactions}).
 */
public final class JdbcRunStore implements RunStore {

    private static final String PENDING = RunResult.PENDING.label();
    private static final String RUNNING = RunResult.RUNNING.label();

    private final Transactions transactions;
    private final String owner;

    /** A store for tools and tests: runs it claims belong to no replica in particular. */
    public JdbcRunStore(DataSource dataSource) {
        this(dataSource, "local");
    }

    /** @param owner the daemon's Quartz instance id, which it stores with the runs it claims */
    public JdbcRunStore(DataSource dataSource, String owner) {
        this.transactions = new Transactions(dataSource);
        this.owner = owner;
    }

    @Override
    public Created create(String suite, RunRequest request, String environment, Instant now, int maxPending) {
        return transactions.run(
                "cannot create a run of " + suite,
                connection -> RunCreation.create(connection, suite, request, environment, now, maxPending));
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
                    running(connection, run.get())));
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
    public Progress progress(RunId id) {
        return transactions.run("cannot read the progress of run " + id, connection -> {
            Optional<RunKey> key = key(connection, id);
            return key.isEmpty()
                    ? new Progress(Set.of(), Map.of())
                    : AttemptTable.progress(
                            connection, key.get().id(), key.get().execution());
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

    @Override
    public List<SuiteRun> pending(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return transactions.run("cannot read the pending runs", connection -> {
            try (PreparedStatement query = connection.prepareStatement("select " + RunRows.COLUMNS
                    + " from suite_run where result = ? and id in (select min(id) from suite_run where result = ? group by suite)"
                    + " and suite not in (select suite from suite_run where result = ?)"
                    + " order by id fetch first ? rows only")) {
                query.setString(1, PENDING);
                query.setString(2, PENDING);
                query.setString(3, RUNNING);
                query.setInt(4, limit);
                return RunRows.runs(query).stream().map(StoredRun::run).toList();
            }
        });
    }

    @Override
    public boolean claim(RunId id, Instant now) {
        return transactions.run("cannot start run " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement("update suite_run set result = ?,"
                    + " started_at = coalesce(started_at, ?), owner = ?, cancel_requested = false"
                    + " where suite = ? and number = ? and result = ?")) {
                update.setString(1, RUNNING);
                Sql.setInstant(update, 2, now);
                update.setString(3, owner);
                Sql.setRunId(update, 4, id);
                update.setString(6, PENDING);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void recordAttempts(RunId id, List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        String what = "cannot record attempts of run " + id;
        transactions.run(what, connection -> {
            RunKey key = key(connection, id).orElseThrow(() -> new StoreException(what + ": there is no such run"));
            AttemptTable.insert(connection, key.id(), key.execution(), attempts);
            return null;
        });
    }

    @Override
    public void recordProgress(RunId id, List<Attempt> attempts, List<RunningTest> running) {
        String what = "cannot record the progress of run " + id;
        transactions.run(what, connection -> {
            RunKey key = key(connection, id).orElseThrow(() -> new StoreException(what + ": there is no such run"));
            if (!attempts.isEmpty()) {
                AttemptTable.insert(connection, key.id(), key.execution(), attempts);
            }
            try (PreparedStatement update =
                    connection.prepareStatement("update suite_run set running_tests = ? where id = ? and result = ?")) {
                update.setString(1, Json.runningOrNull(running));
                update.setLong(2, key.id());
                update.setString(3, RunResult.RUNNING.label());
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void appendSetupLog(RunId id, String log) {
        if (log.isEmpty()) {
            return;
        }
        String what = "cannot add to the setup log of run " + id;
        transactions.run(what, connection -> {
            String before = setupLog(connection, id, " for update");
            try (PreparedStatement update =
                    connection.prepareStatement("update suite_run set setup_log = ? where suite = ? and number = ?")) {
                update.setBytes(1, Gzip.compress(before + log));
                Sql.setRunId(update, 2, id);
                if (update.executeUpdate() == 0) {
                    throw new StoreException(what + ": there is no such run");
                }
            }
            return null;
        });
    }

    @Override
    public boolean finish(RunId id, RunResult result, Instant now, Optional<Failure> failure) {
        return finish(id, result, now, failure, Optional.empty());
    }

    @Override
    public boolean finish(RunId id, RunResult result, Instant now, Optional<Failure> failure, TestCounts counts) {
        return finish(id, result, now, failure, Optional.of(counts));
    }

    private boolean finish(
            RunId id, RunResult result, Instant now, Optional<Failure> failure, Optional<TestCounts> known) {
        if (!result.isFinished()) {
            throw new IllegalArgumentException("a run cannot finish as " + result.label());
        }
        return transactions.run("cannot finish run " + id, connection -> {
            Optional<Long> key = unfinishedKey(connection, id);
            if (key.isEmpty()) {
                return false;
            }
            TestCounts counts =
                    known.isPresent() ? known.get() : TestCounts.of(AttemptTable.latest(connection, key.get()));
            try (PreparedStatement update = connection.prepareStatement("update suite_run set result = ?,"
                    + " finished_at = ?, failure_message = ?, failure_stack_trace = ?, passed = ?, failed = ?,"
                    + " soft_failed = ?, skipped = ?, flaky = ?, running_tests = null where id = ? and result in "
                    + RunRows.UNFINISHED)) {
                update.setString(1, result.label());
                Sql.setInstant(update, 2, now);
                Sql.setText(update, 3, failure.map(Failure::message).orElse(null));
                Sql.setText(update, 4, failure.map(Failure::stackTrace).orElse(null));
                bindCounts(update, 5, counts);
                update.setLong(10, key.get());
                return update.executeUpdate() == 1;
            }
        });
    }

    /** The run's key while it is pending or running, locked against a concurrent finish. */
    private static Optional<Long> unfinishedKey(Connection connection, RunId id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select id from suite_run"
                + " where suite = ? and number = ? and result in " + RunRows.UNFINISHED + " for update")) {
            Sql.setRunId(query, 1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    /** {@code now} is not stored: a retried run keeps the start of its first execution. */
    @Override
    public boolean retry(RunId id, Instant now) {
        return transactions.run("cannot retry run " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement("update suite_run set"
                    + " execution = execution + 1, result = ?, finished_at = null, failure_message = null,"
                    + " failure_stack_trace = null, passed = ?, failed = ?, soft_failed = ?, skipped = ?, flaky = ?"
                    + " where suite = ? and number = ? and result not in " + RunRows.UNFINISHED)) {
                update.setString(1, PENDING);
                bindCounts(update, 2, TestCounts.NONE);
                Sql.setRunId(update, 7, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int requeue() {
        return requeueRunning("cannot put running runs back in the queue", "", null);
    }

    /** Runs without an owner are running since before owners were stored: nobody executes them. */
    @Override
    public int requeueOrphans() {
        return requeueRunning(
                "cannot put the runs of stopped replicas back in the queue",
                " and (owner is null or owner not in (" + Replicas.LIVE + "))",
                null);
    }

    @Override
    public int release() {
        return requeueRunning("cannot put this daemon's running runs back in the queue", " and owner = ?", owner);
    }

    /** @param condition more of the where clause; {@code ?} in it is bound to {@code value} */
    private int requeueRunning(String what, String condition, String value) {
        return transactions.run(what, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update suite_run set result = ?, owner = null, cancel_requested = false where result = ?"
                            + condition)) {
                update.setString(1, PENDING);
                update.setString(2, RUNNING);
                if (value != null) {
                    update.setString(3, value);
                }
                return update.executeUpdate();
            }
        });
    }

    @Override
    public boolean requestCancel(RunId id) {
        return transactions.run("cannot cancel run " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update suite_run set cancel_requested = true where suite = ? and number = ? and result = ?")) {
                Sql.setRunId(update, 1, id);
                update.setString(3, RUNNING);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Claim> claims(Collection<RunId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return transactions.run("cannot read the owners of runs", connection -> {
            String where = String.join(" or ", java.util.Collections.nCopies(ids.size(), "(suite = ? and number = ?)"));
            try (PreparedStatement query = connection.prepareStatement(
                    "select suite, number, result, owner, cancel_requested from suite_run where " + where)) {
                int index = 1;
                for (RunId id : ids) {
                    Sql.setRunId(query, index, id);
                    index += 2;
                }
                List<Claim> claims = new java.util.ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        String result = row.getString("result");
                        boolean takenOver = PENDING.equals(result)
                                || RUNNING.equals(result) && !owner.equals(row.getString("owner"));
                        claims.add(new Claim(
                                new RunId(row.getString("suite"), row.getLong("number")),
                                takenOver,
                                row.getBoolean("cancel_requested")));
                    }
                }
                return claims;
            }
        });
    }

    /** Attempts go with their runs by the foreign key's cascade. */
    @Override
    public int deleteFinishedBefore(Instant cutoff, int batch) {
        if (batch <= 0) {
            return 0;
        }
        return transactions.run("cannot delete runs created before " + cutoff, connection -> {
            List<Long> keys = RunRetention.oldFinished(connection, cutoff, batch);
            RunRetention.delete(connection, keys);
            return keys.size();
        });
    }

    @Override
    public boolean addValues(RunId id, Optional<String> test, Map<String, String> values) {
        if (values.isEmpty()) {
            return find(id).isPresent();
        }
        return transactions.run(
                "cannot add context values to run " + id,
                connection -> ContextValueRows.add(connection, id, test, values));
    }

    /** What attempts need of a run: its primary key and current execution. */
    private record RunKey(long id, int execution) {}

    private static Optional<RunKey> key(Connection connection, RunId id) throws SQLException {
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

    private static String setupLog(Connection connection, RunId id, String lock) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("select setup_log from suite_run where suite = ? and number = ?" + lock)) {
            Sql.setRunId(query, 1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Gzip.decompress(row.getBytes(1)) : "";
            }
        }
    }

    private static void bindCounts(PreparedStatement statement, int index, TestCounts counts) throws SQLException {
        statement.setInt(index, counts.passed());
        statement.setInt(index + 1, counts.failed());
        statement.setInt(index + 2, counts.softFailed());
        statement.setInt(index + 3, counts.skipped());
        statement.setInt(index + 4, counts.flaky());
    }
}
