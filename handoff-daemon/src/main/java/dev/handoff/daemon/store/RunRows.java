package dev.handoff.daemon.store;

import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.StoreException;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rows of {@code suite_run} as {@link SuiteRun}s. */
final class RunRows {

    /** Every column a {@link SuiteRun} needs; not the setup log, which only a run's page shows. */
    static final String COLUMNS = "id, suite, number, result, filter, ref, initiated_by, environment, parameters,"
            + " idempotency_key, execution, created_at, started_at, finished_at, failure_message,"
            + " failure_stack_trace, passed, failed, soft_failed, skipped, flaky, caller, idle_millis";

    /** The results of runs still to end, as an SQL list. */
    static final String UNFINISHED = "('" + RunResult.PENDING.label() + "', '" + RunResult.RUNNING.label() + "')";

    private static final int IDS_PER_QUERY = 100;

    private RunRows() {}

    /** A run with its primary key, which attempts refer to. */
    record StoredRun(long key, SuiteRun run) {}

    /** Every row of an executed query of {@link #COLUMNS}. */
    static List<StoredRun> runs(PreparedStatement query) throws SQLException {
        List<StoredRun> runs = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                runs.add(new StoredRun(row.getLong("id"), run(row)));
            }
        }
        return runs;
    }

    static Optional<StoredRun> first(PreparedStatement query) throws SQLException {
        return runs(query).stream().findFirst();
    }

    static Optional<StoredRun> load(Connection connection, RunId id) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("select " + COLUMNS + " from suite_run where suite = ? and number = ?")) {
            Sql.setRunId(query, 1, id);
            return first(query);
        }
    }

    /** The runs of these ids that exist, in queries of at most {@value #IDS_PER_QUERY} ids each. */
    static Map<RunId, SuiteRun> find(Connection connection, Collection<RunId> ids) throws SQLException {
        Map<RunId, SuiteRun> found = new HashMap<>();
        List<RunId> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            List<RunId> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
            String where = String.join(" or ", Collections.nCopies(chunk.size(), "(suite = ? and number = ?)"));
            try (PreparedStatement query =
                    connection.prepareStatement("select " + COLUMNS + " from suite_run where " + where)) {
                for (int i = 0; i < chunk.size(); i++) {
                    Sql.setRunId(query, 1 + 2 * i, chunk.get(i));
                }
                runs(query).forEach(run -> found.put(run.run().id(), run.run()));
            }
        }
        return found;
    }

    static SuiteRun run(ResultSet row) throws SQLException {
        RunRequest request = new RunRequest(
                Optional.ofNullable(row.getString("filter")),
                Optional.ofNullable(row.getString("ref")),
                row.getString("initiated_by"),
                Json.strings(row.getString("parameters")),
                Optional.ofNullable(row.getString("idempotency_key")),
                Optional.ofNullable(row.getString("caller")));
        return new SuiteRun(
                new RunId(row.getString("suite"), row.getLong("number")),
                result(row.getString("result")),
                request,
                row.getString("environment"),
                row.getInt("execution"),
                Sql.requiredInstant(row, "created_at"),
                Sql.instant(row, "started_at"),
                Sql.instant(row, "finished_at"),
                failure(row),
                new TestCounts(
                        row.getInt("passed"),
                        row.getInt("failed"),
                        row.getInt("soft_failed"),
                        row.getInt("skipped"),
                        row.getInt("flaky")),
                Duration.ofMillis(row.getLong("idle_millis")));
    }

    /** The failure columns of a run or an attempt: no message means no failure. */
    static Optional<Failure> failure(ResultSet row) throws SQLException {
        String message = row.getString("failure_message");
        if (message == null) {
            return Optional.empty();
        }
        String trace = row.getString("failure_stack_trace");
        return Optional.of(new Failure(message, trace == null ? "" : trace));
    }

    private static RunResult result(String label) {
        return RunResult.fromLabel(label)
                .orElseThrow(() -> new StoreException("a stored run has the unknown result '" + label + "'"));
    }
}
