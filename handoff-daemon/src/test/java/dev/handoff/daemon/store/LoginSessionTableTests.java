package dev.handoff.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.access.ApiTokens;
import dev.handoff.daemon.access.LoginSessions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login sessions in the database: found by id, 12 hours after their last use, ended on logout. */
class LoginSessionTableTests {

    private static final Instant LOGIN = Instant.parse("2026-03-10T09:00:00Z");
    private static final byte[] TOKEN = ApiTokens.hash("trigger-0123456789abcdef");

    @TempDir
    Path dataDir;

    private Database database;
    private LoginSessions sessions;

    @BeforeEach
    void open() {
        database = openDatabase();
        sessions = new LoginSessionTable(database.dataSource());
    }

    /** The database under test: an H2 file in the data dir here. */
    Database openDatabase() {
        return Database.open(dataDir);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aSessionIsFoundByItsIdWhileTheDatabaseKeepsOnlyTheIdsHash() throws Exception {
        String id = sessions.open(TOKEN, LOGIN);

        assertThat(sessions.use(id, LOGIN.plusSeconds(5)))
                .hasValueSatisfying(session -> assertThat(session.tokenHash()).isEqualTo(TOKEN));
        assertThat(id).hasSizeGreaterThanOrEqualTo(43);
        assertThat(storedIdHashes()).containsExactly(LoginSessions.idHash(id)).doesNotContain(id);
        assertThat(sessions.use(id + "x", LOGIN)).isEmpty();
    }

    @Test
    void aSessionUnusedForTwelveHoursHasEnded() {
        String id = sessions.open(TOKEN, LOGIN);

        assertThat(sessions.use(id, LOGIN.plus(Duration.ofHours(12)))).isEmpty();
        assertThat(sessions.use(id, LOGIN.plus(Duration.ofHours(1))))
                .as("gone for good once found expired")
                .isEmpty();
    }

    @Test
    void eachUseKeepsTheSessionForTwelveHoursMore() {
        String id = sessions.open(TOKEN, LOGIN);

        assertThat(sessions.use(id, LOGIN.plus(Duration.ofHours(11))))
                .hasValueSatisfying(session -> assertThat(session.extended()).isTrue());
        assertThat(sessions.use(id, LOGIN.plus(Duration.ofHours(11)).plusSeconds(10)))
                .as("a use soon after does not write again")
                .hasValueSatisfying(session -> assertThat(session.extended()).isFalse());
        assertThat(sessions.use(id, LOGIN.plus(Duration.ofHours(22)))).isPresent();
        assertThat(sessions.use(id, LOGIN.plus(Duration.ofHours(34)).plusSeconds(1)))
                .isEmpty();
    }

    @Test
    void anEndedSessionIsGoneAndOthersStay() {
        String first = sessions.open(TOKEN, LOGIN);
        String second = sessions.open(TOKEN, LOGIN);

        sessions.end(first);

        assertThat(first).isNotEqualTo(second);
        assertThat(sessions.use(first, LOGIN.plusSeconds(1))).isEmpty();
        assertThat(sessions.use(second, LOGIN.plusSeconds(1))).isPresent();
    }

    private List<String> storedIdHashes() throws Exception {
        List<String> hashes = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id_hash from login_session")) {
            while (rows.next()) {
                hashes.add(rows.getString(1));
            }
        }
        return hashes;
    }
}
