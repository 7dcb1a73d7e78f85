package dev.handoff.daemon.store;

import dev.handoff.daemon.model.PendingLimitException;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.store.RunRows.StoredRun;
import dev.handoff.daemon.store.RunStore.Created;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Creating a run, or finding the one its idempotency key already got, on the caller's transaction. */
final class RunCreation {

    private RunCreation() {}

    /**
     * Takes the suite's next number first: its lock makes concurrent creates of the suite take
     * turns, so the key lookup after it sees a run that a concurrent call with the same key just
     * committed. When the key gives an existing run, the transaction rolls back and so gives the
     * number back.
     */
    static Created create(
            Connection connection, String suite, RunRequest request, String environment, Instant now, int maxPending)
            throws SQLException {
        // A replayed key is the common case under retries: found without the counter's lock, it
        // costs one indexed read instead of a turn in the suite's queue of writers.
        if (request.idempotencyKey().isPresent()) {
            Optional<SuiteRun> earlier =
                    runWithKey(connection, suite, request.idempotencyKey().get(), now);
            if (earlier.isPresent()) {
                connection.rollback();
                return new Created(earlier.get(), false);
            }
        }
        long number = SuiteCounter.next(connection, suite);
        if (request.idempotencyKey().isPresent()) {
            Optional<SuiteRun> earlier =
                    runWithKey(connection, suite, request.idempotencyKey().get(), now);
            if (earlier.isPresent()) {
                connection.rollback();
                return new Created(earlier.get(), false);
            }
        }
        // Under the counter's lock, so that concurrent triggers cannot all slip under the limit.
        if (pendingRuns(connection, suite, maxPending) >= maxPending) {
            throw new PendingLimitException(suite, maxPending);
        }
        insertRun(connection, suite, number, request, environment, now);
        return new Created(
                RunRows.load(connection, new RunId(suite, number)).orElseThrow().run(), true);
    }

    /** The suite's pending runs, counted up to {@code limit} only (through index {@code suite_run_by_result}). */
    private static int pendingRuns(Connection connection, String suite, int limit) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select count(*) from (select 1 from suite_run where suite = ? and result = ? fetch first ? rows only) pending")) {
            query.setString(1, suite);
            query.setString(2, RunResult.PENDING.label());
            query.setInt(3, limit);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The run that has the key, if it got it within the window; an older run loses the key. */
    private static Optional<SuiteRun> runWithKey(Connection connection, String suite, String key, Instant now)
            throws SQLException {
        Optional<StoredRun> holder;
        try (PreparedStatement query = connection.prepareStatement(
                "select " + RunRows.COLUMNS + " from suite_run where suite = ? and idempotency_key = ?")) {
            query.setString(1, suite);
            query.setString(2, key);
            holder = RunRows.first(query);
        }
        if (holder.isEmpty() || holder.get().run().createdAt().isAfter(now.minus(RunStore.IDEMPOTENCY_WINDOW))) {
            return holder.map(StoredRun::run);
        }
        try (PreparedStatement clear =
                connection.prepareStatement("update suite_run set idempotency_key = null where id = ?")) {
            clear.setLong(1, holder.get().key());
            clear.executeUpdate();
        }
        return Optional.empty();
    }

    private static void insertRun(
            Connection connection, String suite, long number, RunRequest request, String environment, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into suite_run (suite, number, result,"
                + " filter, ref, initiated_by, environment, parameters, idempotency_key, execution, created_at, caller)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
            insert.setString(1, suite);
            insert.setLong(2, number);
            insert.setString(3, RunResult.PENDING.label());
            insert.setString(4, request.filter().orElse(null));
            insert.setString(5, request.ref().orElse(null));
            insert.setString(6, request.initiatedBy());
            insert.setString(7, environment);
            insert.setString(8, Json.strings(request.parameters()));
            insert.setString(9, request.idempotencyKey().orElse(null));
            Sql.setInstant(insert, 10, now);
            insert.setString(11, request.caller().orElse(null));
            insert.executeUpdate();
        }
    }
}
