package dev.handoff.daemon.store;

import dev.handoff.daemon.model.Execution;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of {@code run_execution}, one per execution of a run, and the run's idle time between an
 * execution and its retry ({@code suite_run.idle_since}, {@code idle_millis}).
 */
final class ExecutionRows {

    private ExecutionRows() {}

    /**
     * A daemon claimed the run (key {@code runKey}): its current execution starts now, unless it
     * started before (a run resumed after a restart keeps its start), and the time since a retry
     * made it pending again is added to its idle time.
     */
    static void started(Connection connection, long runKey, Instant now) throws SQLException {
        int execution;
        Instant idleSince;
        long idleMillis;
        try (PreparedStatement query =
                connection.prepareStatement("select execution, idle_since, idle_millis from suite_run where id = ?")) {
            query.setLong(1, runKey);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return;
                }
                execution = row.getInt("execution");
                idleSince = Sql.instant(row, "idle_since").orElse(null);
                idleMillis = row.getLong("idle_millis");
            }
        }
        if (idleSince != null) {
            long idle = Math.max(0, Duration.between(idleSince, now).toMillis());
            try (PreparedStatement update = connection.prepareStatement(
                    "update suite_run set idle_millis = ?, idle_since = null where id = ?")) {
                update.setLong(1, idleMillis + idle);
                update.setLong(2, runKey);
                update.executeUpdate();
            }
        }
        try (PreparedStatement insert =
                connection.prepareStatement("insert into run_execution (run_id, execution, started_at) select ?, ?, ?"
                        + " where not exists (select 1 from run_execution where run_id = ? and execution = ?)")) {
            insert.setLong(1, runKey);
            insert.setInt(2, execution);
            Sql.setInstant(insert, 3, now);
            insert.setLong(4, runKey);
            insert.setInt(5, execution);
            insert.executeUpdate();
        }
    }

    /** The run ended: so did its current execution. */
    static void finished(Connection connection, long runKey, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update run_execution set finished_at = ? where run_id = ? and finished_at is null")) {
            Sql.setInstant(update, 1, now);
            update.setLong(2, runKey);
            update.executeUpdate();
        }
    }

    /** The run's executions, first first. */
    static List<Execution> of(Connection connection, long runKey) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select execution, started_at, finished_at from run_execution where run_id = ? order by execution")) {
            query.setLong(1, runKey);
            List<Execution> executions = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    executions.add(new Execution(
                            row.getInt("execution"),
                            Sql.requiredInstant(row, "started_at"),
                            Sql.instant(row, "finished_at")));
                }
            }
            return executions;
        }
    }
}
