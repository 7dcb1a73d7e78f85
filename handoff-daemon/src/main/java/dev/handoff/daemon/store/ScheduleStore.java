package dev.handoff.daemon.store;

import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.ScheduleDefinition;
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

/** The {@code schedule} table: schedules' definitions and counts (Quartz keeps its triggers in its own tables). */
public final class ScheduleStore {

    private static final String COLUMNS = "name, suite, cron, every, filter, max_runs, until, declared, started_at,"
            + " run_count, skipped_fires, last_run, completed";

    private final Transactions transactions;

    public ScheduleStore(DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
    }

    public Optional<StoredSchedule> find(String name) {
        return transactions.run("cannot read schedule '" + name + "'", connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("select " + COLUMNS + " from schedule where name = ?")) {
                statement.setString(1, name);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.empty();
                }
            }
        });
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

    /** Counts a run the schedule started, and remembers it as its last run; returns the new run count. */
    public int recordRun(String name, long runNumber) {
        return update(name, "update schedule set run_count = run_count + 1, last_run = ? where name = ?", runNumber);
    }

    public void recordSkippedFire(String name) {
        update(name, "update schedule set skipped_fires = skipped_fires + 1 where name = ?", null);
    }

    public void complete(String name) {
        update(name, "update schedule set completed = true where name = ?", null);
    }

    private int update(String name, String sql, Long runNumber) {
        return transactions.run("cannot update schedule '" + name + "'", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                if (runNumber != null) {
                    statement.setLong(index++, runNumber);
                }
                statement.setString(index, name);
                statement.executeUpdate();
            }
            try (PreparedStatement statement =
                    connection.prepareStatement("select run_count from schedule where name = ?")) {
                statement.setString(1, name);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? row.getInt(1) : 0;
                }
            }
        });
    }

    private static int delete(Connection connection, String name) throws SQLException {
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
