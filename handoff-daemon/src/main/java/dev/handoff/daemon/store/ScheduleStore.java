package dev.handoff.daemon.store;

import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.ScheduleDefinition;
import dev.handoff.daemon.model.ScheduleFire;
import dev.handoff.daemon.model.StoredSchedule;
import dev.handoff.daemon.model.SuiteRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * The {@code schedule} table: schedules' definitions and counts (Quartz keeps its triggers in its own
 * tables), and their recent fires ({@link ScheduleFireRows}).
 */
@API(status = API.Status.INTERNAL)
public final class ScheduleStore {

    static final String COLUMNS = "name, suite, cron, every, filter, max_runs, until, declared, started_at,"
            + " run_count, skipped_fires, last_run, completed";

    private final Transactions transactions;

    public ScheduleStore(DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
    }

    public Optional<StoredSchedule> find(String name) {
        return transactions.run("cannot read schedule '" + name + "'", connection -> find(connection, name));
    }

    private static Optional<StoredSchedule> find(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("select " + COLUMNS + " from schedule where name = ?")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    /** By name. */
    public List<StoredSchedule> all() {
        return transactions.run("cannot read the schedules", ScheduleStore::all);
    }

    /**
     * A schedule as lists show it: its row, the state and next fire of its Quartz trigger as
     * Quartz stored them (empty without a trigger), and its last run (empty when retention
     * deleted it).
     *
     * @param triggerState a {@code TRIGGER_STATE} of Quartz's JDBC job store, such as {@code WAITING}
     */
    public record Listed(
            StoredSchedule schedule,
            Optional<String> triggerState,
            Optional<Instant> nextFire,
            Optional<SuiteRun> lastRun) {}

    /**
     * Every schedule by name, with its trigger and last run, in three queries whatever their number
     * (asking Quartz and the runs schedule by schedule took three transactions per schedule). The
     * triggers are read from Quartz's table, as Quartz's own {@code getTrigger} reads them.
     *
     * @param triggerGroup the Quartz group of the schedules' triggers, each named after its schedule
     */
    public List<Listed> listed(String triggerGroup) {
        return transactions.run("cannot read the schedules", connection -> {
            List<StoredSchedule> schedules = all(connection);
            Map<String, String> states = new HashMap<>();
            Map<String, Instant> nextFires = new HashMap<>();
            try (PreparedStatement query =
                    connection.prepareStatement("select trigger_name, trigger_state, next_fire_time"
                            + " from qrtz_triggers where sched_name = ? and trigger_group = ?")) {
                query.setString(1, Replicas.SCHEDULER_NAME);
                query.setString(2, triggerGroup);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        states.put(row.getString(1), row.getString(2));
                        long next = row.getLong(3);
                        // Quartz's StdJDBCDelegate: a trigger has a next fire time only when the column is positive.
                        if (next > 0) {
                            nextFires.put(row.getString(1), Instant.ofEpochMilli(next));
                        }
                    }
                }
            }
            List<RunId> lastRuns = schedules.stream()
                    .filter(s -> s.lastRun().isPresent())
                    .map(s -> new RunId(s.definition().suite(), s.lastRun().getAsLong()))
                    .toList();
            Map<RunId, SuiteRun> runs = RunRows.find(connection, lastRuns);
            return schedules.stream()
                    .map(s -> new Listed(
                            s,
                            Optional.ofNullable(states.get(s.name())),
                            Optional.ofNullable(nextFires.get(s.name())),
                            s.lastRun().isEmpty()
                                    ? Optional.<SuiteRun>empty()
                                    : Optional.ofNullable(runs.get(new RunId(
                                            s.definition().suite(), s.lastRun().getAsLong())))))
                    .toList();
        });
    }

    private static List<StoredSchedule> all(Connection connection) throws SQLException {
        try (PreparedStatement statement =
                        connection.prepareStatement("select " + COLUMNS + " from schedule order by name");
                ResultSet row = statement.executeQuery()) {
            List<StoredSchedule> schedules = new ArrayList<>();
            while (row.next()) {
                schedules.add(read(row));
            }
            return schedules;
        }
    }

    /** Creates or replaces the schedule's row. */
    public void put(StoredSchedule schedule) {
        transactions.run("cannot store schedule '" + schedule.name() + "'", connection -> {
            delete(connection, schedule.name());
            try (PreparedStatement statement = connection.prepareStatement(
                    "insert into schedule (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ScheduleDefinition definition = schedule.definition();
                statement.setString(1, definition.name());
                statement.setString(2, definition.suite());
                statement.setString(3, definition.cron().orElse(null));
                statement.setString(4, definition.every().orElse(null));
                statement.setString(5, definition.filter().orElse(null));
                statement.setInt(6, definition.maxRuns());
                statement.setString(7, definition.until().orElse(null));
                statement.setBoolean(8, definition.declared());
                Sql.setInstant(statement, 9, schedule.startedAt());
                statement.setInt(10, schedule.runCount());
                statement.setInt(11, schedule.skippedFires());
                if (schedule.lastRun().isPresent()) {
                    statement.setLong(12, schedule.lastRun().getAsLong());
                } else {
                    statement.setNull(12, Types.BIGINT);
                }
                statement.setBoolean(13, schedule.completed());
                statement.executeUpdate();
            }
            return null;
        });
    }

    /** @return whether there was such a schedule */
    public boolean delete(String name) {
        return transactions.run("cannot delete schedule '" + name + "'", connection -> delete(connection, name) > 0);
    }

    /**
     * A fire of a schedule that Quartz handed to this daemon.
     *
     * @param scheduledAt when Quartz was to fire it
     * @param firedAt when this daemon began to handle it
     * @param replica the daemon's Quartz instance id
     * @param last whether Quartz will not fire the schedule again ({@code until} reached)
     */
    public record Fire(String name, Instant scheduledAt, Instant firedAt, String replica, boolean last) {}

    /**
     * A run a fire may create, as {@link RunStore#create} takes it; checked by the caller (the
     * trigger's rules) before. The request has no idempotency key.
     */
    public record RunToStart(String suite, RunRequest request, String environment, Instant createdAt, int maxPending) {}

    /** Checks the run a fire of the schedule would start, inside the fire's transaction. */
    @FunctionalInterface
    public interface RunPlan {

        /**
         * @throws dev.handoff.daemon.model.UnknownSuiteException when the suite is gone: the fire failed
         * @throws dev.handoff.daemon.model.InvalidParameterException when the filter no longer fits: the fire failed
         * @throws dev.handoff.daemon.model.ShuttingDownException when the daemon takes no more runs:
         *     nothing of the fire is recorded
         */
        RunToStart plan(ScheduleDefinition definition);
    }

    /**
     * What {@link #fire} did.
     *
     * @param outcome for a handled fire
     * @param run the run it started
     * @param retired whether the schedule is done now ({@code maxRuns} reached, or its last fire)
     * @param problem why it started no run, when it failed or hit the pending-run limit
     */
    public record Fired(
            Kind kind,
            Optional<ScheduleFire.Outcome> outcome,
            OptionalLong run,
            boolean retired,
            Optional<String> problem) {

        static final Fired GONE = new Fired(Kind.GONE, Optional.empty(), OptionalLong.empty(), false, Optional.empty());
        static final Fired DUPLICATE =
                new Fired(Kind.DUPLICATE, Optional.empty(), OptionalLong.empty(), false, Optional.empty());

        public enum Kind {
            /** The schedule is deleted or completed: its trigger should go. */
            GONE,
            /** The fire was handled before (Quartz handed it out twice): nothing was done. */
            DUPLICATE,
            /** Claimed and recorded, with its outcome. */
            HANDLED
        }
    }

    /**
     * Handles a fire in one transaction: claims it (its row in {@code schedule_fire}, unless it has
     * one), starts a run unless the schedule's last run is still pending, records the outcome and
     * the schedule's counts, and retires the schedule when it is done. See {@link FireHandling}.
     */
    public Fired fire(Fire fire, RunPlan plan) {
        return transactions.run(
                "cannot record a fire of schedule '" + fire.name() + "'",
                connection -> FireHandling.handle(connection, fire, plan));
    }

    /** The schedule's last {@value ScheduleFireRows#KEPT} fires at most, the latest first. */
    public List<ScheduleFire> recentFires(String name) {
        return transactions.run(
                "cannot read the fires of schedule '" + name + "'",
                connection -> ScheduleFireRows.recent(connection, name));
    }

    public void complete(String name) {
        transactions.run("cannot update schedule '" + name + "'", connection -> {
            update(connection, "update schedule set completed = true where name = ?", name, null);
            return null;
        });
    }

    private static void update(Connection connection, String sql, String name, Long runNumber) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (runNumber != null) {
                statement.setLong(index++, runNumber);
            }
            statement.setString(index, name);
            statement.executeUpdate();
        }
    }

    /** Its fires go with it: a schedule made again under the name starts over. */
    private static int delete(Connection connection, String name) throws SQLException {
        // The schedule's row first, as a fire locks it first (FireHandling): the other order can deadlock.
        int deleted;
        try (PreparedStatement statement = connection.prepareStatement("delete from schedule where name = ?")) {
            statement.setString(1, name);
            deleted = statement.executeUpdate();
        }
        ScheduleFireRows.deleteAll(connection, name);
        return deleted;
    }

    static StoredSchedule read(ResultSet row) throws SQLException {
        ScheduleDefinition definition = new ScheduleDefinition(
                row.getString("name"),
                row.getString("suite"),
                Optional.ofNullable(row.getString("cron")),
                Optional.ofNullable(row.getString("every")),
                Optional.ofNullable(row.getString("filter")),
                row.getInt("max_runs"),
                Optional.ofNullable(row.getString("until")),
                row.getBoolean("declared"));
        long number = row.getLong("last_run");
        OptionalLong lastRun = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(number);
        return new StoredSchedule(
                definition,
                Sql.requiredInstant(row, "started_at"),
                row.getInt("run_count"),
                row.getInt("skipped_fires"),
                lastRun,
                row.getBoolean("completed"));
    }
}
