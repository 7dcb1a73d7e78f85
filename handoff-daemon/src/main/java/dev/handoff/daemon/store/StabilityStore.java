package dev.handoff.daemon.store;

import dev.handoff.daemon.model.Quarantine;
import dev.handoff.daemon.model.QuarantineEvent;
import dev.handoff.daemon.model.TestRunOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * What the stability of tests is read from, and the quarantines: the {@code test_outcome},
 * {@code test_quarantine} and {@code test_quarantine_event} tables. Quarantines live in the
 * database so that every replica of a cluster honours them; an expired quarantine is removed (with
 * an {@code expired} line in the audit list) by the first read that sees it expired.
 */
@API(status = API.Status.INTERNAL)
public final class StabilityStore {

    /** Who the daemon is in an audit list, for what it did by itself (expiry, auto-quarantine). */
    public static final String DAEMON = "handoff";

    private final Transactions transactions;

    public StabilityStore(DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
    }

    /** Every test's outcomes in the suite's newest {@code window} finished runs, newest first, by name. */
    public Map<String, List<TestRunOutcome>> suiteOutcomes(String suite, int window) {
        return transactions.run("cannot read the test outcomes of suite " + suite, connection -> {
            Optional<Long> from = TestOutcomeRows.windowStart(connection, suite, window);
            return from.isEmpty() ? Map.of() : TestOutcomeRows.ofSuite(connection, suite, from.get());
        });
    }

    /** The test's outcomes in the suite's newest {@code window} finished runs, newest first. */
    public List<TestRunOutcome> testOutcomes(String suite, String test, int window) {
        return transactions.run("cannot read the outcomes of " + test + " in suite " + suite, connection -> {
            Optional<Long> from = TestOutcomeRows.windowStart(connection, suite, window);
            return from.isEmpty() ? List.of() : TestOutcomeRows.ofTest(connection, suite, test, from.get());
        });
    }

    /** The suite's quarantined tests now, by name; expired ones are removed on the way. */
    public Map<String, Quarantine> quarantines(String suite, Instant now) {
        return transactions.run("cannot read the quarantined tests of suite " + suite, connection -> {
            expire(connection, Optional.of(suite), now);
            Map<String, Quarantine> found = new TreeMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "select " + QUARANTINE_COLUMNS + " from test_quarantine where suite = ?")) {
                query.setString(1, suite);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        Quarantine quarantine = quarantine(row);
                        found.put(quarantine.test(), quarantine);
                    }
                }
            }
            return found;
        });
    }

    /** How many tests each suite has quarantined now, for the metrics. */
    public Map<String, Integer> quarantinedCounts(Instant now) {
        return transactions.run("cannot count quarantined tests", connection -> {
            expire(connection, Optional.empty(), now);
            Map<String, Integer> counts = new TreeMap<>();
            try (PreparedStatement query =
                            connection.prepareStatement("select suite, count(*) from test_quarantine group by suite");
                    ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    counts.put(row.getString(1), row.getInt(2));
                }
            }
            return counts;
        });
    }

    /** Quarantines the test (replacing a quarantine it had), and notes it in its audit list. */
    public void quarantine(Quarantine quarantine) {
        transactions.run("cannot quarantine " + quarantine.test() + " of suite " + quarantine.suite(), connection -> {
            delete(connection, quarantine.suite(), quarantine.test());
            try (PreparedStatement insert = connection.prepareStatement("insert into test_quarantine (suite, test,"
                    + " reason, quarantined_by, quarantined_at, expires_at) values (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, quarantine.suite());
                insert.setString(2, Sql.storable(quarantine.test()));
                insert.setString(3, Sql.storable(quarantine.reason()));
                insert.setString(4, quarantine.by());
                Sql.setInstant(insert, 5, quarantine.since());
                Sql.setInstant(insert, 6, quarantine.expiresAt().orElse(null));
                insert.executeUpdate();
            }
            event(
                    connection,
                    quarantine.suite(),
                    quarantine.test(),
                    new QuarantineEvent(
                            "quarantined",
                            Optional.of(quarantine.reason()),
                            quarantine.by(),
                            quarantine.since(),
                            quarantine.expiresAt()));
            return null;
        });
    }

    /**
     * Lifts the test's quarantine, noting who did and why.
     *
     * @return false when the test was not quarantined (nothing is noted)
     */
    public boolean lift(String suite, String test, String by, Optional<String> reason, Instant now) {
        return transactions.run("cannot lift the quarantine of " + test + " of suite " + suite, connection -> {
            if (!delete(connection, suite, test)) {
                return false;
            }
            event(connection, suite, test, new QuarantineEvent("lifted", reason, by, now, Optional.empty()));
            return true;
        });
    }

    /** The test's quarantine audit list, oldest first. */
    public List<QuarantineEvent> events(String suite, String test) {
        return transactions.run("cannot read the quarantine list of " + test + " of suite " + suite, connection -> {
            List<QuarantineEvent> events = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("select action, reason, actor, happened_at,"
                    + " expires_at from test_quarantine_event where suite = ? and test = ?"
                    + " order by suite, test, id")) {
                query.setString(1, suite);
                query.setString(2, Sql.storable(test));
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        events.add(new QuarantineEvent(
                                row.getString("action"),
                                Optional.ofNullable(row.getString("reason")),
                                row.getString("actor"),
                                Sql.requiredInstant(row, "happened_at"),
                                Sql.instant(row, "expires_at")));
                    }
                }
            }
            return events;
        });
    }

    /**
     * Whether the hook's daily digest of the suite is due (never sent, or last sent {@code every}
     * ago or more), noting it as sent now when it is: one replica of a cluster wins each claim.
     */
    public boolean claimDigest(String hook, String suite, Instant now, java.time.Duration every) {
        return transactions.run("cannot claim the digest of suite " + suite + " for hook " + hook, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "update hook_digest set sent_at = ?" + " where hook = ? and suite = ? and sent_at <= ?")) {
                Sql.setInstant(update, 1, now);
                update.setString(2, hook);
                update.setString(3, suite);
                Sql.setInstant(update, 4, now.minus(every));
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement query =
                    connection.prepareStatement("select sent_at from hook_digest where hook = ? and suite = ?")) {
                query.setString(1, hook);
                query.setString(2, suite);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        return false;
                    }
                }
            }
            // A concurrent first claim makes this insert a unique violation: the transaction runs again and sees its
            // row.
            try (PreparedStatement insert =
                    connection.prepareStatement("insert into hook_digest (hook, suite, sent_at) values (?, ?, ?)")) {
                insert.setString(1, hook);
                insert.setString(2, suite);
                Sql.setInstant(insert, 3, now);
                insert.executeUpdate();
            }
            return true;
        });
    }

    /** The quarantined tests of a suite as the recorder needs them: name to reason. */
    static Map<String, String> reasons(Connection connection, String suite, Instant now) throws SQLException {
        expire(connection, Optional.of(suite), now);
        Map<String, String> reasons = new TreeMap<>();
        try (PreparedStatement query =
                connection.prepareStatement("select test, reason from test_quarantine where suite = ?")) {
            query.setString(1, suite);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    reasons.put(row.getString(1), row.getString(2));
                }
            }
        }
        return reasons;
    }

    private static final String QUARANTINE_COLUMNS = "suite, test, reason, quarantined_by, quarantined_at, expires_at";

    private static Quarantine quarantine(ResultSet row) throws SQLException {
        return new Quarantine(
                row.getString("suite"),
                row.getString("test"),
                row.getString("reason"),
                row.getString("quarantined_by"),
                Sql.requiredInstant(row, "quarantined_at"),
                Sql.instant(row, "expires_at"));
    }

    /** Removes the quarantines expired by now, each with an {@code expired} line, once across replicas. */
    private static void expire(Connection connection, Optional<String> suite, Instant now) throws SQLException {
        List<Quarantine> expired = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select " + QUARANTINE_COLUMNS
                + " from test_quarantine where expires_at <= ?" + (suite.isPresent() ? " and suite = ?" : ""))) {
            Sql.setInstant(query, 1, now);
            if (suite.isPresent()) {
                query.setString(2, suite.get());
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    expired.add(quarantine(row));
                }
            }
        }
        for (Quarantine quarantine : expired) {
            if (delete(connection, quarantine.suite(), quarantine.test())) {
                event(
                        connection,
                        quarantine.suite(),
                        quarantine.test(),
                        new QuarantineEvent(
                                "expired",
                                Optional.of(quarantine.reason()),
                                DAEMON,
                                quarantine.expiresAt().orElse(now),
                                Optional.empty()));
            }
        }
    }

    private static boolean delete(Connection connection, String suite, String test) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("delete from test_quarantine where suite = ? and test = ?")) {
            delete.setString(1, suite);
            delete.setString(2, Sql.storable(test));
            return delete.executeUpdate() == 1;
        }
    }

    private static void event(Connection connection, String suite, String test, QuarantineEvent event)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into test_quarantine_event (suite, test,"
                + " action, reason, actor, happened_at, expires_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, suite);
            insert.setString(2, Sql.storable(test));
            insert.setString(3, event.action());
            insert.setString(4, event.reason().map(Sql::storable).orElse(null));
            insert.setString(5, event.actor());
            Sql.setInstant(insert, 6, event.at());
            Sql.setInstant(insert, 7, event.expiresAt().orElse(null));
            insert.executeUpdate();
        }
    }
}
