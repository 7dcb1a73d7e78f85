package dev.handoff.daemon.store;

import dev.handoff.daemon.model.RunId;
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

    private static final String COLUMNS = "name, suite, cron, every, filter, max_runs, until, declared, started_at,"
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
     * What a daemon needs to handle a fire, read when it claims it: the schedule, and its last run
     * (for the rule that at most one run of a schedule waits).
     *
     * @param schedule empty when the schedule is gone
     * @param claimed false when the fire was claimed before (Quartz handed it out twice): it must
     *     not be handled again
     */
    public record FireClaim(Optional<StoredSchedule> schedule, boolean claimed, Optional<SuiteRun> lastRun) {}

    /**
     * Claims a fire of the schedule, in one transaction with reading what handling it needs: its
     * row in {@code schedule_fire}, unless it has one already.
     *
     * @param replica the daemon's Quartz instance id
     */
    public FireClaim claimFire(String name, Instant scheduledAt, Instant firedAt, String replica) {
        return transactions.run("cannot record a fire of schedule '" + name + "'", connection -> {
            Optional<StoredSchedule> schedule = find(connection, name);
            if (schedule.isEmpty()) {
                return new FireClaim(schedule, false, Optional.empty());
            }
            if (!ScheduleFireRows.claim(connection, name, scheduledAt, firedAt, replica)) {
                return new FireClaim(schedule, false, Optional.empty());
            }
            Optional<SuiteRun> lastRun = Optional.empty();
            if (schedule.get().lastRun().isPresent()) {
                RunId id = new RunId(
                        schedule.get().definition().suite(),
                        schedule.get().lastRun().getAsLong());
                lastRun = Optional.ofNullable(
                        RunRows.find(connection, List.of(id)).get(id));
            }
            return new FireClaim(schedule, true, lastRun);
        });
    }

    /**
     * Records what a claimed fire did: its outcome on its row, and the schedule's counts (a run is
     * counted and becomes its last run; a skipped fire is counted).
     *
     * @param run the run it started, with {@link ScheduleFire.Outcome#RUN}
     * @return the schedule's run count now
     */
    public int settleFire(String name, Instant scheduledAt, ScheduleFire.Outcome outcome, OptionalLong run) {
        return transactions.run("cannot record a fire of schedule '" + name + "'", connection -> {
            switch (outcome) {
                case RUN ->
                    update(
                            connection,
                            "update schedule set run_count = run_count + 1, last_run = ? where name = ?",
                            name,
                            run.orElseThrow());
                case SKIPPED ->
                    update(
                            connection,
                            "update schedule set skipped_fires = skipped_fires + 1 where name = ?",
                            name,
                            null);
                default -> {}
            }
            ScheduleFireRows.settle(connection, name, scheduledAt, outcome, run);
            return runCount(connection, name);
        });
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

    private static int runCount(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("select run_count from schedule where name = ?")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    /** Its fires go with it: a schedule made again under the name starts over. */
    private static int delete(Connection connection, String name) throws SQLException {
        ScheduleFireRows.deleteAll(connection, name);
        try (PreparedStatement statement = connection.prepareStatement("delete from schedule where name = ?")) {
            statement.setString(1, name);
            return statement.executeUpdate();
        }
    }

    private static StoredSchedule read(ResultSet row) throws SQLException {
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
