package dev.handoff.daemon.store;

import dev.handoff.daemon.run.Attempt;
import dev.handoff.daemon.run.Failure;
import dev.handoff.daemon.run.RunDetail;
import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.run.RunRequest;
import dev.handoff.daemon.run.RunResult;
import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.run.TestCounts;
import dev.handoff.daemon.run.TestSummary;
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

    public JdbcRunStore(DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
    }

    @Override
    public Created create(String suite, RunRequest request, String environment, Instant now, int maxPending) {
        return transactions.run("cannot create a run of " + suite,
                connection -> RunCreation.create(connection, suite, request, environment, now, maxPending));
    }

    @Override
    public Optional<SuiteRun> find(RunId id) {
        return transactions.run("cannot read run " + id, connection -> RunRows.load(connection, id).map(StoredRun::run));
    }

    @Override
    public Optional<RunDetail> detail(RunId id) {
        return transactions.run("cannot read run " + id, connection -> {
            Optional<StoredRun> run = RunRows.load(connection, id);
            if (run.isEmpty()) {
                return Optional.empty();
            }
            List<TestSummary> tests = AttemptTable.latest(connection, run.get().key());
            return Optional.of(new RunDetail(run.get().run(), tests, setupLog(connection, id, "")));
        });
    }

    @Override
    public List<Attempt> attempts(RunId id, String test) {
        return transactions.run("cannot read the attempts of " + test + " in run " + id, connection -> {
            Optional<RunKey> key = key(connection, id);
            return key.isEmpty() ? List.of() : AttemptTable.all(connection, key.get().id(), test);
        });
    }

    @Override
    public List<TestSummary> tests(RunId id) {
        return transactions.run("cannot read the tests of run " + id, connection -> {
            Optional<RunKey> key = key(connection, id);
            return key.isEmpty() ? List.of() : AttemptTable.latest(connection, key.get().id());
        });
    }

    @Override
    public Progress progress(RunId id) {
        return transactions.run("cannot read the progress of run " + id, connection -> {
            Optional<RunKey> key = key(connection, id);
            return key.isEmpty()
                    ? new Progress(Set.of(), Map.of())
                    : AttemptTable.progress(connection, key.get().id(), key.get().execution());
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

    @Override
    public List<SuiteRun> pending(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return transactions.run("cannot read the pending runs", connection -> {
            try (PreparedStatement query = connection.prepareStatement("select " + RunRows.COLUMNS
                    + " from suite_run where result = ? and id in (select min(id) from suite_run where result = ? group by suite)"
                    + " order by id fetch first ? rows only")) {
                query.setString(1, PENDING);
                query.setString(2, PENDING);
                query.setInt(3, limit);
                return RunRows.runs(query).stream().map(StoredRun::run).toList();
            }
        });
    }

    @Override
    public boolean claim(RunId id, Instant now) {
        return transactions.run("cannot start run " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement("update suite_run set result = ?,"
                    + " started_at = coalesce(started_at, ?) where suite = ? and number = ? and result = ?")) {
                update.setString(1, RUNNING);
                Sql.setInstant(update, 2, now);
                Sql.setRunId(update, 3, id);
                update.setString(5, PENDING);
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
    public void appendSetupLog(RunId id, String log) {
        if (log.isEmpty()) {
            return;
        }
        String what = "cannot add to the setup log of run " + id;
        transactions.run(what, connection -> {
            String before = setupLog(connection, id, " for update");
            try (PreparedStatement update = connection.prepareStatement(
                    "update suite_run set setup_log = ? where suite = ? and number = ?")) {
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

    private boolean finish(RunId id, RunResult result, Instant now, Optional<Failure> failure, Optional<TestCounts> known) {
        if (!result.isFinished()) {
            throw new IllegalArgumentException("a run cannot finish as " + result.label());
        }
        return transactions.run("cannot finish run " + id, connection -> {
            Optional<Long> key = unfinishedKey(connection, id);
            if (key.isEmpty()) {
                return false;
            }
            TestCounts counts = known.isPresent() ? known.get() : TestCounts.of(AttemptTable.latest(connection, key.get()));
            try (PreparedStatement update = connection.prepareStatement("update suite_run set result = ?,"
                    + " finished_at = ?, failure_message = ?, failure_stack_trace = ?, passed = ?, failed = ?,"
                    + " soft_failed = ?, skipped = ?, flaky = ? where id = ? and result in " + RunRows.UNFINISHED)) {
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
        return transactions.run("cannot put running runs back in the queue", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update suite_run set result = ? where result = ?")) {
                update.setString(1, PENDING);
                update.setString(2, RUNNING);
                return update.executeUpdate();
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

    /** What attempts need of a run: its primary key and current execution. */
    private record RunKey(long id, int execution) {}

    private static Optional<RunKey> key(Connection connection, RunId id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select id, execution from suite_run where suite = ? and number = ?")) {
            Sql.setRunId(query, 1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new RunKey(row.getLong(1), row.getInt(2))) : Optional.empty();
            }
        }
    }

    /** @param lock {@code " for update"} to hold the row until the transaction ends, else empty */
    private static String setupLog(Connection connection, RunId id, String lock) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select setup_log from suite_run where suite = ? and number = ?" + lock)) {
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
