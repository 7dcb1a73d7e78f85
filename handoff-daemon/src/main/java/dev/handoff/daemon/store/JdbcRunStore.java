package dev.handoff.daemon.store;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.RunningTest;
import dev.handoff.daemon.model.StoreException;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import dev.handoff.daemon.store.RunRows.StoredRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * The {@link RunStore} on a relational database (H2 by default; the SQL is meant for PostgreSQL
 * too), with the schema of {@code db/migration}. Each method is one transaction; one that lost a
 * race with another daemon or thread is run again (see {@link Transactions}). This class holds the
 * run queue and the recording; the reads it inherits from {@link JdbcRunReads}.
 */
@API(status = API.Status.INTERNAL)
public final class JdbcRunStore extends JdbcRunReads implements RunStore {

    private static final String PENDING = RunResult.PENDING.label();
    private static final String RUNNING = RunResult.RUNNING.label();

    private final String owner;

    /** A store for tools and tests: runs it claims belong to no replica in particular. */
    public JdbcRunStore(DataSource dataSource) {
        this(dataSource, "local");
    }

    /** @param owner the daemon's Quartz instance id, which it stores with the runs it claims */
    public JdbcRunStore(DataSource dataSource, String owner) {
        super(new Transactions(dataSource));
        this.owner = owner;
    }

    @Override
    public Created create(String suite, RunRequest request, String environment, Instant now, int maxPending) {
        return transactions.run(
                "cannot create a run of " + suite,
                connection -> RunCreation.create(connection, suite, request, environment, now, maxPending));
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
    public Map<String, Map<String, String>> latestValues(RunId id) {
        return transactions.run("cannot read the context values of run " + id, connection -> {
            Optional<RunKey> key = key(connection, id);
            return key.isEmpty()
                    ? Map.of()
                    : AttemptTable.latestValues(connection, key.get().id());
        });
    }

    @Override
    public List<SuiteRun> pending(int limit, Map<String, Integer> concurrentRuns) {
        if (limit <= 0) {
            return List.of();
        }
        int most = concurrentRuns.values().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(1);
        if (most > 1) {
            return transactions.run(
                    "cannot read the pending runs",
                    connection -> pendingByPlaces(connection, limit, concurrentRuns, most));
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

    /**
     * The oldest pending runs of each suite up to its free places. The first {@code most} pending
     * runs of each suite are read (no suite may run more at once), then each suite gets as many as
     * its {@code concurrentRuns} less its running runs. A claim stays one conditional update:
     * replicas reading at once pick the same oldest runs, and only one claims each.
     */
    private static List<SuiteRun> pendingByPlaces(
            Connection connection, int limit, Map<String, Integer> concurrentRuns, int most) throws SQLException {
        Map<String, Integer> running = new java.util.HashMap<>();
        try (PreparedStatement query =
                connection.prepareStatement("select suite, count(*) from suite_run where result = ? group by suite")) {
            query.setString(1, RUNNING);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    running.put(row.getString(1), row.getInt(2));
                }
            }
        }
        List<SuiteRun> candidates;
        try (PreparedStatement query = connection.prepareStatement("select " + RunRows.COLUMNS
                + " from suite_run s where result = ? and (select count(*) from suite_run p"
                + " where p.suite = s.suite and p.result = ? and p.number < s.number) < ?"
                + " order by id fetch first ? rows only")) {
            query.setString(1, PENDING);
            query.setString(2, PENDING);
            query.setInt(3, most);
            query.setInt(4, limit * most);
            candidates = RunRows.runs(query).stream().map(StoredRun::run).toList();
        }
        List<SuiteRun> pending = new java.util.ArrayList<>();
        for (SuiteRun run : candidates) {
            String suite = run.id().suite();
            if (running.getOrDefault(suite, 0) < concurrentRuns.getOrDefault(suite, 1)) {
                running.merge(suite, 1, Integer::sum);
                pending.add(run);
                if (pending.size() == limit) {
                    break;
                }
            }
        }
        return pending;
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
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            Optional<RunKey> key = key(connection, id);
            if (key.isPresent()) {
                ExecutionRows.started(connection, key.get().id(), now);
                countWhileRunning(connection, key.get().id());
            }
            return true;
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
            stored(connection, key, id, attempts);
            return null;
        });
    }

    @Override
    public void recordProgress(RunId id, List<Attempt> attempts, List<RunningTest> running) {
        String what = "cannot record the progress of run " + id;
        transactions.run(what, connection -> {
            RunKey key = key(connection, id).orElseThrow(() -> new StoreException(what + ": there is no such run"));
            if (!attempts.isEmpty()) {
                stored(connection, key, id, attempts);
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

    /** Stores attempts, and the run's counts and test outcome rows follow them. */
    private static void stored(Connection connection, RunKey key, RunId id, List<Attempt> attempts)
            throws SQLException {
        Optional<List<Attempt>> inserted = AttemptTable.insert(connection, key.id(), key.execution(), attempts);
        if (inserted.isEmpty()) {
            // The driver did not say which were new: count them all, and write the rows from the attempts at the
            // finish.
            countWhileRunning(connection, key.id());
            TestOutcomeRows.forget(connection, key.id());
            return;
        }
        if (inserted.get().isEmpty()) {
            return;
        }
        AttemptTable.Added added = AttemptTable.added(connection, key.id(), key.execution(), inserted.get());
        count(connection, key.id(), added.counts());
        TestOutcomeRows.follow(connection, key.id(), id, inserted.get(), added.endedBefore());
    }

    /**
     * A running run's counts follow its attempts as they are stored, so that the API and the run's
     * page count while it runs; {@link #finish} stores the final ones. Counted from each test's
     * latest attempt, as at the end: a retried test moves from failed to passed, it is not added.
     * The counts change by what the stored attempts add ({@link AttemptTable#added}): counting
     * the whole run again at each batch made a run of n tests cost n squared. {@link #claim} counts
     * the run's attempts from scratch once, so a resumed or retried run's counts start right.
     */
    private static void count(Connection connection, long runId, TestCounts added) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update suite_run set passed = passed + ?,"
                + " failed = failed + ?, soft_failed = soft_failed + ?, skipped = skipped + ?, flaky = flaky + ?"
                + " where id = ? and result = ?")) {
            bindCounts(update, 1, added);
            update.setLong(6, runId);
            update.setString(7, RUNNING);
            update.executeUpdate();
        }
    }

    /** Counts the running run's tests from all its attempts. */
    private static void countWhileRunning(Connection connection, long runId) throws SQLException {
        TestCounts counts = TestCounts.of(AttemptTable.latest(connection, runId));
        try (PreparedStatement update = connection.prepareStatement("update suite_run set passed = ?, failed = ?,"
                + " soft_failed = ?, skipped = ?, flaky = ? where id = ? and result = ?")) {
            bindCounts(update, 1, counts);
            update.setLong(6, runId);
            update.setString(7, RUNNING);
            update.executeUpdate();
        }
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
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            ExecutionRows.finished(connection, key.get(), now);
            // In the same transaction: a finished run always has its tests' history written.
            TestOutcomeRows.complete(connection, key.get(), id, counts);
            return true;
        });
    }

    @Override
    public Map<String, String> quarantinedTests(String suite, Instant now) {
        return transactions.run(
                "cannot read the quarantined tests of suite " + suite,
                connection -> StabilityStore.reasons(connection, suite, now));
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
                    + " execution = execution + 1, result = ?,"
                    + " idle_since = case when started_at is null then null else finished_at end, finished_at = null,"
                    + " failure_message = null,"
                    + " failure_stack_trace = null, passed = ?, failed = ?, soft_failed = ?, skipped = ?, flaky = ?"
                    + " where suite = ? and number = ? and result not in " + RunRows.UNFINISHED)) {
                update.setString(1, PENDING);
                bindCounts(update, 2, TestCounts.NONE);
                Sql.setRunId(update, 7, id);
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            Optional<RunKey> key = key(connection, id);
            if (key.isPresent()) {
                TestOutcomeRows.retried(connection, key.get().id());
            }
            return true;
        });
    }

    @Override
    public int requeue() {
        return requeueRunning("cannot put running runs back in the queue", "", List.of());
    }

    /** Runs without an owner are running since before owners were stored: nobody executes them. */
    @Override
    public int requeueOrphans() {
        return requeueRunning(
                "cannot put the runs of stopped replicas back in the queue",
                " and (owner is null or owner not in (" + Replicas.LIVE + "))",
                List.of());
    }

    @Override
    public Set<String> orphanOwners() {
        return transactions.run("cannot read the owners of runs of stopped replicas", connection -> {
            try (PreparedStatement query = connection.prepareStatement("select distinct owner from suite_run"
                    + " where result = ? and owner is not null and owner not in (" + Replicas.LIVE + ")")) {
                query.setString(1, RUNNING);
                Set<String> owners = new java.util.TreeSet<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        owners.add(row.getString(1));
                    }
                }
                return owners;
            }
        });
    }

    @Override
    public int requeueOrphansOf(Collection<String> owners) {
        if (owners.isEmpty()) {
            return 0;
        }
        return requeueRunning(
                "cannot put the runs of stopped replicas back in the queue",
                " and owner in (" + Sql.marks(owners.size()) + ")" + " and owner not in (" + Replicas.LIVE + ")",
                List.copyOf(owners));
    }

    @Override
    public int release() {
        return requeueRunning(
                "cannot put this daemon's running runs back in the queue", " and owner = ?", List.of(owner));
    }

    /** @param condition more of the where clause; its {@code ?} are bound to {@code values} in order */
    private int requeueRunning(String what, String condition, List<String> values) {
        return transactions.run(what, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update suite_run set result = ?, owner = null, cancel_requested = false where result = ?"
                            + condition)) {
                update.setString(1, PENDING);
                update.setString(2, RUNNING);
                for (int i = 0; i < values.size(); i++) {
                    update.setString(3 + i, values.get(i));
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

    private static void bindCounts(PreparedStatement statement, int index, TestCounts counts) throws SQLException {
        statement.setInt(index, counts.passed());
        statement.setInt(index + 1, counts.failed());
        statement.setInt(index + 2, counts.softFailed());
        statement.setInt(index + 3, counts.skipped());
        statement.setInt(index + 4, counts.flaky());
    }
}
