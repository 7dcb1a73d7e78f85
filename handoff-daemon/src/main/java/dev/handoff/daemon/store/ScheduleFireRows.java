package dev.handoff.daemon.store;

import dev.handoff.daemon.model.ScheduleFire;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The {@code schedule_fire} table (V11): each schedule's recent fires, on the caller's transaction. */
final class ScheduleFireRows {

    /** Fires kept per schedule: enough for its page to show a pattern, few enough to never need a purge. */
    static final int KEPT = 20;

    private ScheduleFireRows() {}

    /**
     * Inserts the fire's row as {@link ScheduleFire.Outcome#FIRING}, unless the scheduled time has a
     * row already. A concurrent claim of the same fire makes this insert fail on the primary key, a
     * race the caller's transaction retries, and then finds the row.
     *
     * @return whether this call claimed it
     */
    static boolean claim(Connection connection, String name, Instant scheduledAt, Instant firedAt, String replica)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into schedule_fire (schedule_name, scheduled_at, fired_at, outcome, run_number, replica)"
                        + " select ?, ?, ?, ?, null, ? where not exists"
                        + " (select 1 from schedule_fire where schedule_name = ? and scheduled_at = ?)")) {
            insert.setString(1, name);
            Sql.setInstant(insert, 2, scheduledAt);
            Sql.setInstant(insert, 3, firedAt);
            insert.setString(4, ScheduleFire.Outcome.FIRING.label());
            insert.setString(5, replica);
            insert.setString(6, name);
            Sql.setInstant(insert, 7, scheduledAt);
            return insert.executeUpdate() == 1;
        }
    }

    /** Sets what the fire did, and drops the schedule's fires beyond the last {@link #KEPT}. */
    static void settle(
            Connection connection, String name, Instant scheduledAt, ScheduleFire.Outcome outcome, OptionalLong run)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("update schedule_fire set outcome = ?,"
                + " run_number = ? where schedule_name = ? and scheduled_at = ?")) {
            update.setString(1, outcome.label());
            if (run.isPresent()) {
                update.setLong(2, run.getAsLong());
            } else {
                update.setNull(2, Types.BIGINT);
            }
            update.setString(3, name);
            Sql.setInstant(update, 4, scheduledAt);
            update.executeUpdate();
        }
        trim(connection, name);
    }

    private static void trim(Connection connection, String name) throws SQLException {
        Instant oldestKept;
        try (PreparedStatement query = connection.prepareStatement("select scheduled_at from schedule_fire"
                + " where schedule_name = ? order by scheduled_at desc offset ? rows fetch next 1 rows only")) {
            query.setString(1, name);
            query.setInt(2, KEPT - 1);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return;
                }
                oldestKept = Sql.requiredInstant(row, "scheduled_at");
            }
        }
        try (PreparedStatement delete =
                connection.prepareStatement("delete from schedule_fire where schedule_name = ? and scheduled_at < ?")) {
            delete.setString(1, name);
            Sql.setInstant(delete, 2, oldestKept);
            delete.executeUpdate();
        }
    }

    /** The schedule's kept fires, the latest first. */
    static List<ScheduleFire> recent(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select scheduled_at, fired_at, outcome, run_number, replica from schedule_fire"
                        + " where schedule_name = ? order by scheduled_at desc")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                List<ScheduleFire> fires = new ArrayList<>();
                while (row.next()) {
                    long number = row.getLong("run_number");
                    OptionalLong run = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(number);
                    fires.add(new ScheduleFire(
                            Sql.requiredInstant(row, "scheduled_at"),
                            Sql.requiredInstant(row, "fired_at"),
                            ScheduleFire.Outcome.of(row.getString("outcome")),
                            run,
                            row.getString("replica")));
                }
                return fires;
            }
        }
    }

    static void deleteAll(Connection connection, String name) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("delete from schedule_fire where schedule_name = ?")) {
            delete.setString(1, name);
            delete.executeUpdate();
        }
    }
}
