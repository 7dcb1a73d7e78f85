package dev.handoff.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.PostgresServer;
import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.RunId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attempts stored before V5 get their test key, so they are found and never stored twice after the upgrade. */
class AttemptKeyMigrationTests {

    private static final String TEST = "Nested/löngName() ✓";

    @TempDir
    Path dataDir;

    @Test
    void attemptsOfAnH2DatabaseOfVersion3AreKeyedOnUpgrade() throws Exception {
        attemptsOfVersion3AreKeyedOnUpgrade("jdbc:h2:" + dataDir.resolve("old") + ";DB_CLOSE_ON_EXIT=FALSE", "sa");
    }

    @Test
    void attemptsOfAPostgresDatabaseOfVersion3AreKeyedOnUpgrade() throws Exception {
        attemptsOfVersion3AreKeyedOnUpgrade(PostgresServer.shared().newDatabase(), PostgresServer.USER);
    }

    private static void attemptsOfVersion3AreKeyedOnUpgrade(String url, String user) throws Exception {
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(url, user, "")
                .locations("classpath:db/migration")
                .placeholders(Map.of("binary_type", Database.binaryType(url)))
                .target("3")
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "insert into suite_run (suite, number, result, initiated_by, environment, parameters, execution,"
                            + " created_at) values ('Checkout', 1, 'running', 'tester', '', '{}', 0, current_timestamp)");
            statement.execute("insert into attempt (run_id, execution, test, number, max_attempts, result, soft, flaky,"
                    + " started_at, finished_at) select id, 0, '" + TEST
                    + "', 1, 1, 'passed', false, false, current_timestamp,"
                    + " current_timestamp from suite_run");
        }

        try (Database database = Database.open(url, user, "")) {
            JdbcRunStore store = new JdbcRunStore(database.dataSource());
            RunId run = new RunId("Checkout", 1);
            Instant now = Instant.now();
            store.recordAttempts(
                    run,
                    List.of(new Attempt(
                            TEST,
                            1,
                            1,
                            AttemptResult.FAILED,
                            false,
                            false,
                            now,
                            now,
                            Optional.empty(),
                            "",
                            List.of(),
                            Map.of())));

            assertThat(store.attempts(run, TEST))
                    .extracting(Attempt::number, Attempt::result)
                    .containsExactly(org.assertj.core.api.Assertions.tuple(1, AttemptResult.PASSED));
        }
    }
}
