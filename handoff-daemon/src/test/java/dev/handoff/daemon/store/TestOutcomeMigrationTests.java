package dev.handoff.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.handoff.daemon.PostgresServer;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.TestRunOutcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs stored before V13 get their tests' outcomes on upgrade, so that stability covers the history
 * a daemon already had: each test's final attempt of each finished run; unfinished runs, retried
 * attempts and skipped tests have none. Those rows get their test's key from V18.1.
 */
class TestOutcomeMigrationTests {

    @TempDir
    Path dataDir;

    @Test
    void theOutcomesOfAnH2DatabaseOfVersion12AreFilledOnUpgrade() throws Exception {
        outcomesAreFilledOnUpgrade("jdbc:h2:" + dataDir.resolve("old") + ";DB_CLOSE_ON_EXIT=FALSE", "sa");
    }

    @Test
    void theOutcomesOfAPostgresDatabaseOfVersion12AreFilledOnUpgrade() throws Exception {
        outcomesAreFilledOnUpgrade(PostgresServer.shared().newDatabase(), PostgresServer.USER);
    }

    private static void outcomesAreFilledOnUpgrade(String url, String user) throws Exception {
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(url, user, "")
                .locations("classpath:db/migration")
                .placeholders(Map.of(
                        "binary_type", Database.binaryType(url), "attempt_id_cache", Database.attemptIdCache(url)))
                .javaMigrations(new dev.handoff.daemon.store.migration.V5_1__AttemptTestKeys())
                .target("12")
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement()) {
            statement.execute("insert into suite_run (suite, number, result, initiated_by, environment, parameters,"
                    + " execution, created_at, finished_at) values"
                    + " ('Checkout', 1, 'flaky', 'tester', '', '{}', 0, current_timestamp, current_timestamp),"
                    + " ('Checkout', 2, 'running', 'tester', '', '{}', 0, current_timestamp, null)");
            attempt(statement, 1, "pays", 1, "retrying", false, "card declined");
            attempt(statement, 1, "pays", 2, "passed", true, null);
            attempt(statement, 1, "refunds", 1, "failed", false, "refund answered 500");
            attempt(statement, 1, "exports", 1, "skipped", false, null);
            attempt(statement, 2, "pays", 1, "failed", false, "still running");
        }

        try (Database database = Database.open(url, user, "")) {
            Map<String, List<TestRunOutcome>> outcomes =
                    new StabilityStore(database.dataSource()).suiteOutcomes("Checkout", 50);

            assertThat(outcomes).containsOnlyKeys("pays", "refunds");
            assertThat(outcomes.get("pays"))
                    .extracting(
                            TestRunOutcome::runNumber,
                            TestRunOutcome::result,
                            TestRunOutcome::attempts,
                            TestRunOutcome::flaky)
                    .containsExactly(tuple(1L, AttemptResult.PASSED, 2, true));
            assertThat(outcomes.get("refunds"))
                    .extracting(TestRunOutcome::result, TestRunOutcome::failureMessage)
                    .containsExactly(tuple(AttemptResult.FAILED, java.util.Optional.of("refund answered 500")));
            // One test's outcomes are found by its name's key, which V18.1 filled in.
            assertThat(new StabilityStore(database.dataSource()).testOutcomes("Checkout", "pays", 50))
                    .extracting(TestRunOutcome::runNumber, TestRunOutcome::result)
                    .containsExactly(tuple(1L, AttemptResult.PASSED));
        }
    }

    private static void attempt(
            Statement statement, long run, String test, int number, String result, boolean flaky, String failure)
            throws Exception {
        statement.execute("insert into attempt (run_id, execution, test, number, max_attempts, result, soft, flaky,"
                + " started_at, finished_at, failure_message, test_key) select id, 0, '" + test + "', " + number
                + ", 2, '"
                + result + "', false, " + flaky + ", current_timestamp, current_timestamp, "
                + (failure == null ? "null" : "'" + failure + "'") + ", '" + TestKey.of(test)
                + "' from suite_run where number = " + run);
    }
}
