package dev.handoff.daemon.store;

import dev.handoff.daemon.access.LoginSessions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/** {@link LoginSessions} in the {@code login_session} table, which the replicas of a cluster share. */
@API(status = API.Status.INTERNAL)
public final class LoginSessionTable implements LoginSessions {

    private final Transactions transactions;

    public LoginSessionTable(DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
    }

    @Override
    public String open(byte[] tokenHash, Instant now) {
        String id = LoginSessions.newId();
        transactions.run("cannot open a login session", connection -> {
            try (PreparedStatement expired =
                    connection.prepareStatement("delete from login_session where expires_at <= ?")) {
                Sql.setInstant(expired, 1, now);
                expired.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into login_session (id_hash, token_hash, created_at, expires_at) values (?, ?, ?, ?)")) {
                insert.setString(1, LoginSessions.idHash(id));
                insert.setString(2, HexFormat.of().formatHex(tokenHash));
                Sql.setInstant(insert, 3, now);
                Sql.setInstant(insert, 4, now.plus(IDLE_LIFETIME));
                insert.executeUpdate();
            }
            return null;
        });
        return id;
    }

    @Override
    public Optional<Session> use(String id, Instant now) {
        String key = LoginSessions.idHash(id);
        return transactions.run("cannot read a login session", connection -> {
            String tokenHash;
            Instant expiresAt;
            try (PreparedStatement select =
                    connection.prepareStatement("select token_hash, expires_at from login_session where id_hash = ?")) {
                select.setString(1, key);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    tokenHash = row.getString("token_hash");
                    expiresAt = Sql.requiredInstant(row, "expires_at");
                }
            }
            if (!expiresAt.isAfter(now)) {
                delete(connection, key);
                return Optional.empty();
            }
            Instant renewed = now.plus(IDLE_LIFETIME);
            boolean extend = expiresAt.plus(EXTEND_AFTER).isBefore(renewed);
            if (extend) {
                try (PreparedStatement update =
                        connection.prepareStatement("update login_session set expires_at = ? where id_hash = ?")) {
                    Sql.setInstant(update, 1, renewed);
                    update.setString(2, key);
                    update.executeUpdate();
                }
            }
            return Optional.of(new Session(HexFormat.of().parseHex(tokenHash), extend ? renewed : expiresAt, extend));
        });
    }

    @Override
    public void end(String id) {
        transactions.run("cannot end a login session", connection -> {
            delete(connection, LoginSessions.idHash(id));
            return null;
        });
    }

    private static void delete(java.sql.Connection connection, String key) throws java.sql.SQLException {
        try (PreparedStatement delete = connection.prepareStatement("delete from login_session where id_hash = ?")) {
            delete.setString(1, key);
            delete.executeUpdate();
        }
    }
}
