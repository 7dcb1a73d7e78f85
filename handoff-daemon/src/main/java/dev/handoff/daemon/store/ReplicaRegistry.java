package dev.handoff.daemon.store;

import dev.handoff.daemon.model.ScheduleDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * What each replica of a cluster serves: its suites and their declared schedules, keyed by its
 * Quartz instance id. Replicas of one image serve the same; during a rolling update old and new
 * replicas do not, and a replica that lacks a suite asks here whether a live one has it before it
 * fails that suite's run or deletes its schedule.
 *
 * <p>Live means what it means for runs (see {@link Replicas}): a row in Quartz's
 * {@code qrtz_scheduler_state}. A replica registers before its first check-in, so every live
 * replica has registered; it counts itself as live before that. A replica that stops withdraws
 * (it takes no more runs); the rows of one that died are ignored once Quartz found it dead and
 * deleted at a later registration, once older than {@link #FORGET_AFTER}.
 */
@API(status = API.Status.INTERNAL)
public final class ReplicaRegistry {

    /**
     * How long the rows of a replica that is not live are kept: long enough that a replica
     * between its registration and its first Quartz check-in (milliseconds) never loses them.
     */
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    private static final String LIVE_OR_THIS = " where (instance_id = ? or instance_id in (" + Replicas.LIVE + "))";

    private final Transactions transactions;
    private final String instanceId;

    /** @param instanceId this daemon's Quartz instance id */
    public ReplicaRegistry(DataSource dataSource, String instanceId) {
        this.transactions = new Transactions(dataSource);
        this.instanceId = instanceId;
    }

    /**
     * Records what this replica serves, replacing what it recorded before, and deletes the rows
     * of replicas that have been dead for a while.
     */
    public void register(Collection<String> suites, Collection<ScheduleDefinition> declared, Instant now) {
        transactions.run("cannot record the suites of replica " + instanceId, connection -> {
            delete(connection, "delete from replica where instance_id = ?", instanceId);
            try (PreparedStatement forget = connection.prepareStatement("delete from replica where registered_at < ?"
                    + " and instance_id not in (" + Replicas.LIVE + ")")) {
                Sql.setInstant(forget, 1, now.minus(FORGET_AFTER));
                forget.executeUpdate();
            }
            try (PreparedStatement insert =
                    connection.prepareStatement("insert into replica (instance_id, registered_at) values (?, ?)")) {
                insert.setString(1, instanceId);
                Sql.setInstant(insert, 2, now);
                insert.executeUpdate();
            }
            insertSuites(connection, suites);
            insertSchedules(connection, declared);
            return null;
        });
    }

    /** Whether this replica's rows are there: false after {@link #withdraw()}, or if it looked dead for long. */
    public boolean isRegistered() {
        return transactions.run("cannot read the registration of replica " + instanceId, connection -> {
            try (PreparedStatement query = connection.prepareStatement("select 1 from replica where instance_id = ?")) {
                query.setString(1, instanceId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    /** This replica serves nothing any more: it is stopping and takes no more runs. */
    public void withdraw() {
        transactions.run(
                "cannot withdraw the suites of replica " + instanceId,
                connection -> delete(connection, "delete from replica where instance_id = ?", instanceId));
    }

    /** The suites that at least one live replica serves, this one's included. */
    public Set<String> liveSuites() {
        return transactions.run("cannot read the suites of the live replicas", connection -> {
            try (PreparedStatement query =
                    connection.prepareStatement("select distinct suite from replica_suite" + LIVE_OR_THIS)) {
                query.setString(1, instanceId);
                Set<String> suites = new HashSet<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        suites.add(row.getString(1));
                    }
                }
                return suites;
            }
        });
    }

    /** Each declared schedule's name, with the definitions live replicas (this one included) give it. */
    public Map<String, Set<ScheduleDefinition>> liveDeclarations() {
        return transactions.run("cannot read the schedules of the live replicas", connection -> {
            try (PreparedStatement query =
                    connection.prepareStatement("select name, suite, cron, every, filter, max_runs, until"
                            + " from replica_schedule" + LIVE_OR_THIS + " order by name")) {
                query.setString(1, instanceId);
                Map<String, Set<ScheduleDefinition>> declared = new LinkedHashMap<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        ScheduleDefinition definition = new ScheduleDefinition(
                                row.getString("name"),
                                row.getString("suite"),
                                Optional.ofNullable(row.getString("cron")),
                                Optional.ofNullable(row.getString("every")),
                                Optional.ofNullable(row.getString("filter")),
                                row.getInt("max_runs"),
                                Optional.ofNullable(row.getString("until")),
                                true);
                        declared.computeIfAbsent(definition.name(), name -> new LinkedHashSet<>())
                                .add(definition);
                    }
                }
                return declared;
            }
        });
    }

    private void insertSuites(Connection connection, Collection<String> suites) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("insert into replica_suite (instance_id, suite) values (?, ?)")) {
            for (String suite : suites) {
                insert.setString(1, instanceId);
                insert.setString(2, suite);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void insertSchedules(Connection connection, Collection<ScheduleDefinition> declared) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into replica_schedule"
                        + " (instance_id, name, suite, cron, every, filter, max_runs, until) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ScheduleDefinition definition : declared) {
                insert.setString(1, instanceId);
                insert.setString(2, definition.name());
                insert.setString(3, definition.suite());
                insert.setString(4, definition.cron().orElse(null));
                insert.setString(5, definition.every().orElse(null));
                insert.setString(6, definition.filter().orElse(null));
                insert.setInt(7, definition.maxRuns());
                insert.setString(8, definition.until().orElse(null));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Void delete(Connection connection, String sql, String instanceId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setString(1, instanceId);
            delete.executeUpdate();
        }
        return null;
    }
}
