package dev.handoff.daemon.store;

import dev.handoff.daemon.model.Gate;
import dev.handoff.daemon.model.Gate.Decision;
import dev.handoff.daemon.model.Gate.GateRun;
import dev.handoff.daemon.model.GateRequest;
import dev.handoff.daemon.model.GateVerdict;
import dev.handoff.daemon.model.RunId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * Gates in the {@code gate} and {@code gate_run} tables, which the replicas of a cluster share:
 * each read or change one transaction.
 */
@API(status = API.Status.INTERNAL)
public final class GateStore {

    private static final String COLUMNS = "id, ref, filter, timeout_millis, parameters, strict, initiated_by, caller,"
            + " idempotency_key, created_at, deadline, verdict, decided_at";

    private final Transactions transactions;

    public GateStore(DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
    }

    /** The outcome of {@link #create}: the gate, and whether this call created it. */
    @API(status = API.Status.INTERNAL)
    public record Created(Gate gate, boolean created) {}

    /**
     * Stores a new gate with its suites, none of them triggered yet; or, when a gate already has
     * the request's idempotency key, returns that one. Concurrent calls with one key make one gate:
     * the loser of the race on the key's unique constraint tries again and finds the winner's.
     */
    public Created create(GateRequest request, Instant now) {
        return transactions.run("cannot create a gate", connection -> {
            if (request.idempotencyKey().isPresent()) {
                Optional<Gate> earlier =
                        withKey(connection, request.idempotencyKey().get());
                if (earlier.isPresent()) {
                    return new Created(earlier.get(), false);
                }
            }
            long id = insert(connection, request, now);
            try (PreparedStatement insert =
                    connection.prepareStatement("insert into gate_run (gate_id, position, suite) values (?, ?, ?)")) {
                for (int position = 0; position < request.suites().size(); position++) {
                    insert.setLong(1, id);
                    insert.setInt(2, position);
                    insert.setString(3, request.suites().get(position));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return new Created(load(connection, id).orElseThrow(), true);
        });
    }

    private static long insert(Connection connection, GateRequest request, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into gate (ref, filter, timeout_millis, parameters, strict, initiated_by, caller,"
                        + " idempotency_key, created_at, deadline) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, request.ref().orElse(null));
            insert.setString(2, request.filter().orElse(null));
            insert.setLong(3, request.timeout().toMillis());
            insert.setString(4, Json.strings(request.parameters()));
            insert.setBoolean(5, request.strict());
            insert.setString(6, request.initiatedBy());
            insert.setString(7, request.caller().orElse(null));
            insert.setString(8, request.idempotencyKey().orElse(null));
            Sql.setInstant(insert, 9, now);
            Sql.setInstant(insert, 10, now.plus(request.timeout()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Notes the run a suite of the gate got; a suite keeps the first run it got. */
    public void ranSuite(long gateId, RunId run) {
        transactions.run("cannot record run " + run + " of gate " + gateId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update gate_run set number = ? where gate_id = ? and suite = ? and number is null")) {
                update.setLong(1, run.number());
                update.setLong(2, gateId);
                update.setString(3, run.suite());
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Stores the gate's final verdict, unless one was stored first (by another replica, say). */
    public void decide(long gateId, Decision decision) {
        transactions.run("cannot store the verdict of gate " + gateId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update gate set verdict = ?, decided_at = ? where id = ? and verdict is null")) {
                update.setString(1, decision.verdict().label());
                Sql.setInstant(update, 2, decision.at());
                update.setLong(3, gateId);
                update.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Gate> find(long id) {
        return transactions.run("cannot read gate " + id, connection -> load(connection, id));
    }

    /** Gates newest first, at most {@code limit}, those before gate {@code before} when given. */
    public List<Gate> list(int limit, OptionalLong before) {
        return transactions.run("cannot read the gates", connection -> {
            List<Gate> gates = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("select " + COLUMNS + " from gate"
                    + (before.isPresent() ? " where id < ?" : "") + " order by id desc fetch first ? rows only")) {
                int index = 1;
                if (before.isPresent()) {
                    query.setLong(index++, before.getAsLong());
                }
                query.setInt(index, limit);
                List<Row> rows = rows(query);
                Map<Long, List<GateRun>> runs =
                        runs(connection, rows.stream().map(Row::id).toList());
                for (Row row : rows) {
                    gates.add(row.gate(runs.getOrDefault(row.id(), List.of())));
                }
            }
            return gates;
        });
    }

    /**
     * Deletes up to {@code limit} decided gates created before the cutoff, oldest first, with their
     * rows of runs (not the runs). @return how many
     */
    public int deleteDecidedBefore(Instant cutoff, int limit) {
        return transactions.run("cannot remove old gates", connection -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("select id from gate"
                    + " where created_at < ? and verdict is not null order by created_at fetch first ? rows only")) {
                Sql.setInstant(query, 1, cutoff);
                query.setInt(2, limit);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        ids.add(row.getLong(1));
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("delete from gate where id = ?")) {
                for (long id : ids) {
                    delete.setLong(1, id);
                    delete.addBatch();
                }
                if (!ids.isEmpty()) {
                    delete.executeBatch();
                }
            }
            return ids.size();
        });
    }

    private static Optional<Gate> withKey(Connection connection, String key) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("select " + COLUMNS + " from gate where idempotency_key = ?")) {
            query.setString(1, key);
            return one(connection, query);
        }
    }

    private static Optional<Gate> load(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select " + COLUMNS + " from gate where id = ?")) {
            query.setLong(1, id);
            return one(connection, query);
        }
    }

    private static Optional<Gate> one(Connection connection, PreparedStatement query) throws SQLException {
        List<Row> rows = rows(query);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row row = rows.getFirst();
        return Optional.of(row.gate(runs(connection, List.of(row.id())).getOrDefault(row.id(), List.of())));
    }

    /** Each gate's suites and runs, in the order asked. */
    private static Map<Long, List<GateRun>> runs(Connection connection, List<Long> ids) throws SQLException {
        Map<Long, List<GateRun>> runs = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return runs;
        }
        try (PreparedStatement query = connection.prepareStatement("select gate_id, suite, number from gate_run"
                + " where gate_id in (" + Sql.marks(ids.size()) + ") order by gate_id, position")) {
            for (int i = 0; i < ids.size(); i++) {
                query.setLong(i + 1, ids.get(i));
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    String suite = row.getString("suite");
                    long number = row.getLong("number");
                    Optional<RunId> run = row.wasNull() ? Optional.empty() : Optional.of(new RunId(suite, number));
                    runs.computeIfAbsent(row.getLong("gate_id"), id -> new ArrayList<>())
                            .add(new GateRun(suite, run));
                }
            }
        }
        return runs;
    }

    /** A gate's own row, before its runs are read. */
    private record Row(long id, GateRequest request, Instant createdAt, Instant deadline, Optional<Decision> decided) {

        Gate gate(List<GateRun> runs) {
            GateRequest withSuites = new GateRequest(
                    runs.stream().map(GateRun::suite).toList(),
                    request.ref(),
                    request.filter(),
                    request.timeout(),
                    request.parameters(),
                    request.strict(),
                    request.initiatedBy(),
                    request.idempotencyKey(),
                    request.caller());
            return new Gate(id, withSuites, createdAt, deadline, runs, decided);
        }
    }

    private static List<Row> rows(PreparedStatement query) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                GateRequest request = new GateRequest(
                        List.of(),
                        Optional.ofNullable(row.getString("ref")),
                        Optional.ofNullable(row.getString("filter")),
                        Duration.ofMillis(row.getLong("timeout_millis")),
                        Json.strings(row.getString("parameters")),
                        row.getBoolean("strict"),
                        row.getString("initiated_by"),
                        Optional.ofNullable(row.getString("idempotency_key")),
                        Optional.ofNullable(row.getString("caller")));
                Optional<GateVerdict> verdict =
                        Optional.ofNullable(row.getString("verdict")).flatMap(GateVerdict::fromLabel);
                Optional<Instant> decidedAt = Sql.instant(row, "decided_at");
                Optional<Decision> decided = verdict.isPresent() && decidedAt.isPresent()
                        ? Optional.of(new Decision(verdict.get(), decidedAt.get()))
                        : Optional.empty();
                rows.add(new Row(
                        row.getLong("id"),
                        request,
                        Sql.requiredInstant(row, "created_at"),
                        Sql.requiredInstant(row, "deadline"),
                        decided));
            }
        }
        return rows;
    }
}
