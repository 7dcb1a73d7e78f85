package dev.handoff.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.RunDetail;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A finished run is read from the database once and served from memory until it changes. */
class CachedRunStoreTests {

    private static final Instant NOW = Instant.parse("2025-03-10T09:15:30Z");

    @TempDir
    Path dataDir;

    private Database database;
    private CachedRunStore store;

    @BeforeEach
    void open() {
        database = Database.open(dataDir);
        store = new CachedRunStore(new JdbcRunStore(database.dataSource(), "here"), false);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aFinishedRunIsServedFromMemoryUntilItChanges() {
        RunId id = finishedRun(RunResult.PASSED);

        RunDetail first = store.detail(id).orElseThrow();

        assertThat(store.detail(id)).containsSame(first);
        assertThat(first.tests()).extracting(test -> test.latest().test()).containsExactly("pays");
    }

    @Test
    void aRetryDropsTheCachedRun() {
        RunId id = finishedRun(RunResult.FAILED);
        store.detail(id).orElseThrow();

        store.retry(id, NOW.plusSeconds(60));

        RunDetail retried = store.detail(id).orElseThrow();
        assertThat(retried.run().result()).isEqualTo(RunResult.PENDING);
        assertThat(retried.run().execution()).isEqualTo(1);
    }

    @Test
    void valuesAHookAddsAreSeen() {
        RunId id = finishedRun(RunResult.PASSED);
        store.detail(id).orElseThrow();

        store.addValues(id, Optional.empty(), Map.of("deployment", "eu-7"));

        assertThat(store.detail(id).orElseThrow().values()).containsEntry("deployment", "eu-7");
    }

    @Test
    void retentionDropsTheCachedRun() {
        RunId id = finishedRun(RunResult.PASSED);
        store.detail(id).orElseThrow();

        assertThat(store.deleteFinishedBefore(NOW.plusSeconds(3600), 100)).isEqualTo(1);

        assertThat(store.detail(id)).isEmpty();
    }

    @Test
    void aRetentionSweepThatDeletesNothingKeepsTheCachedRun() {
        RunId id = finishedRun(RunResult.PASSED);
        RunDetail first = store.detail(id).orElseThrow();

        assertThat(store.deleteFinishedBefore(NOW.minusSeconds(3600), 100)).isZero();

        assertThat(store.detail(id)).containsSame(first);
    }

    @Test
    void aCancelledRunIsSeenCancelled() {
        RunId id =
                store.create("Checkout", RunRequest.of("alice"), "", NOW).run().id();
        assertThat(store.detail(id).orElseThrow().run().result()).isEqualTo(RunResult.PENDING);

        store.finish(id, RunResult.CANCELLED, NOW.plusSeconds(1), Optional.empty());

        assertThat(store.detail(id).orElseThrow().run().result()).isEqualTo(RunResult.CANCELLED);
    }

    @Test
    void aRunningRunIsReadAnewEachTime() {
        RunId id =
                store.create("Checkout", RunRequest.of("alice"), "", NOW).run().id();
        store.claim(id, NOW);
        assertThat(store.detail(id).orElseThrow().tests()).isEmpty();

        store.recordAttempts(id, List.of(attempt("pays")));

        assertThat(store.detail(id).orElseThrow().tests()).hasSize(1);
    }

    @Test
    void sharedDatabaseRetryByAnotherReplicaIsSeen() {
        CachedRunStore shared = new CachedRunStore(new JdbcRunStore(database.dataSource(), "here"), true);
        JdbcRunStore otherReplica = new JdbcRunStore(database.dataSource(), "there");
        RunId id = finishedRun(RunResult.FAILED);
        RunDetail first = shared.detail(id).orElseThrow();
        assertThat(shared.detail(id)).containsSame(first);

        otherReplica.retry(id, NOW.plusSeconds(60));

        assertThat(shared.detail(id).orElseThrow().run().result()).isEqualTo(RunResult.PENDING);
    }

    @Test
    void sharedDatabaseDeletionByAnotherReplicaIsSeen() {
        CachedRunStore shared = new CachedRunStore(new JdbcRunStore(database.dataSource(), "here"), true);
        JdbcRunStore otherReplica = new JdbcRunStore(database.dataSource(), "there");
        RunId id = finishedRun(RunResult.PASSED);
        shared.detail(id).orElseThrow();

        otherReplica.deleteFinishedBefore(NOW.plusSeconds(3600), 100);

        assertThat(shared.detail(id)).isEmpty();
    }

    @Test
    void aPageOfRunsShowsANewRunAndAFinish() {
        RunId first = finishedRun(RunResult.PASSED);
        RunReads.RunQuery page =
                new RunReads.RunQuery(50, java.util.OptionalLong.empty(), Optional.empty(), Optional.empty());
        assertThat(store.runs("Checkout", page)).extracting(run -> run.id()).containsExactly(first);
        assertThat(store.latestRuns(List.of("Checkout")).get("Checkout").id()).isEqualTo(first);

        RunId second =
                store.create("Checkout", RunRequest.of("alice"), "", NOW).run().id();

        assertThat(store.runs("Checkout", page)).extracting(run -> run.id()).containsExactly(second, first);
        assertThat(store.latestRuns(List.of("Checkout")).get("Checkout").result())
                .isEqualTo(RunResult.PENDING);
        store.claim(second, NOW);
        assertThat(store.runs("Checkout", page).getFirst().result()).isEqualTo(RunResult.RUNNING);
        store.finish(second, RunResult.FAILED, NOW.plusSeconds(5), Optional.empty());
        assertThat(store.latestRuns(List.of("Checkout")).get("Checkout").result())
                .isEqualTo(RunResult.FAILED);
        store.retry(second, NOW.plusSeconds(6));
        assertThat(store.runs("Checkout", page).getFirst().result()).isEqualTo(RunResult.PENDING);
        store.deleteFinishedBefore(NOW.plusSeconds(3600), 100);
        assertThat(store.runs("Checkout", page)).extracting(run -> run.id()).containsExactly(second);
    }

    @Test
    void sharedDatabaseListsAreReadEachTime() {
        CachedRunStore shared = new CachedRunStore(new JdbcRunStore(database.dataSource(), "here"), true);
        JdbcRunStore otherReplica = new JdbcRunStore(database.dataSource(), "there");
        finishedRun(RunResult.PASSED);
        assertThat(shared.latestRuns(List.of("Checkout")).get("Checkout").id().number())
                .isEqualTo(1);

        otherReplica.create("Checkout", RunRequest.of("bob"), "", NOW);

        assertThat(shared.latestRuns(List.of("Checkout")).get("Checkout").id().number())
                .isEqualTo(2);
    }

    @Test
    void weightGrowsWithLogsAndFailures() {
        RunId id = finishedRun(RunResult.FAILED);
        RunDetail detail = store.detail(id).orElseThrow();
        RunDetail bigger = new RunDetail(detail.run(), detail.tests(), "x".repeat(10_000), detail.values());

        assertThat(CachedRunStore.weight(bigger)).isGreaterThanOrEqualTo(CachedRunStore.weight(detail) + 20_000);
    }

    private RunId finishedRun(RunResult result) {
        RunId id =
                store.create("Checkout", RunRequest.of("alice"), "", NOW).run().id();
        store.claim(id, NOW);
        AttemptResult attempt = result == RunResult.FAILED ? AttemptResult.FAILED : AttemptResult.PASSED;
        store.recordAttempts(id, List.of(attempt("pays", attempt)));
        store.finish(id, result, NOW.plusSeconds(2), Optional.empty());
        return id;
    }

    private static Attempt attempt(String test) {
        return attempt(test, AttemptResult.PASSED);
    }

    private static Attempt attempt(String test, AttemptResult result) {
        Optional<Failure> failure =
                result.isFailure() ? Optional.of(new Failure("expected 200", "trace")) : Optional.empty();
        return new Attempt(
                test, 1, 1, result, false, false, NOW, NOW.plusSeconds(1), failure, "log\n", List.of(), Map.of());
    }
}
