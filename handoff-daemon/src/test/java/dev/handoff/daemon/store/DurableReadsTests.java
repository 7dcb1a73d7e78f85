package dev.handoff.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.TestSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the store has shown is in the H2 file, the only thing a {@code kill -9} leaves. H2 makes a
 * commit visible to other connections before it writes it to the file, so a reader can show an
 * attempt that a crash in that moment loses ({@code CrashRecoveryTests} failed that way once in a
 * full build). With {@code WRITE_DELAY=0} that moment lasts a few milliseconds; these tests
 * stretch it with a long write delay, so that only the reader can be what puts the attempt in the
 * file. What a crash leaves is read from a copy of the file taken while nothing writes.
 */
class DurableReadsTests {

    private static final Instant NOW = Instant.parse("2025-03-10T09:15:30Z");
    /** Longer than the test: H2's background writer does not store the attempt in the meantime. */
    private static final int LONG_WRITE_DELAY_MILLIS = 600_000;

    @TempDir
    Path dataDir;

    @TempDir
    Path afterCrash;

    @Test
    void anAttemptTheStoreShowedIsInTheFile() throws Exception {
        try (Database database = Database.open(dataDir)) {
            JdbcRunStore store = new JdbcRunStore(database.dataSource());
            RunId run = store.create("Checkout", RunRequest.of("cli"), "", NOW)
                    .run()
                    .id();
            delayWrites(database);
            store.recordAttempts(run, List.of(passed("login")));

            List<TestSummary> shown = store.tests(run);

            assertThat(shown).extracting(TestSummary::test).containsExactly("login");
            assertThat(testsInTheFile(run)).containsExactly("login");
        }
    }

    @Test
    void aRunTheStoreShowedIsInTheFile() throws Exception {
        try (Database database = Database.open(dataDir)) {
            JdbcRunStore store = new JdbcRunStore(database.dataSource());
            delayWrites(database);
            RunId run = store.create("Checkout", RunRequest.of("cli"), "", NOW)
                    .run()
                    .id();

            assertThat(store.find(run)).isPresent();
            try (Database copy = copyOfTheFile()) {
                assertThat(new JdbcRunStore(copy.dataSource()).find(run)).isPresent();
            }
        }
    }

    /** Commits stay in memory, as they do for a moment with {@code WRITE_DELAY=0}. */
    private static void delayWrites(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("set write_delay " + LONG_WRITE_DELAY_MILLIS);
        }
    }

    private List<String> testsInTheFile(RunId run) {
        try (Database copy = copyOfTheFile()) {
            return new JdbcRunStore(copy.dataSource())
                    .tests(run).stream().map(TestSummary::test).toList();
        }
    }

    /** The file as a {@code kill -9} would leave it now, opened as the next daemon would. */
    private Database copyOfTheFile() {
        try {
            Files.copy(dataDir.resolve("handoff.mv.db"), afterCrash.resolve("handoff.mv.db"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return Database.open(afterCrash);
    }

    private static Attempt passed(String test) {
        return new Attempt(
                test,
                1,
                1,
                AttemptResult.PASSED,
                false,
                false,
                NOW,
                NOW.plusSeconds(1),
                Optional.empty(),
                "",
                List.of(),
                Map.of());
    }
}
