package dev.handoff.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.PostgresServer;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.store.RunStore.Claim;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's side of several replicas on one PostgreSQL: who owns a running run, which runs go
 * back to the queue (only those of replicas that Quartz no longer lists), cancel and hand-over.
 */
class ReplicaRunsTests {

    private static final Instant NOW = Instant.parse("2025-03-10T09:15:30Z");

    private Database database;
    private JdbcRunStore alive;
    private JdbcRunStore dead;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(PostgresServer.shared().newDatabase(), PostgresServer.USER, "");
        alive = new JdbcRunStore(database.dataSource(), "replica-alive");
        dead = new JdbcRunStore(database.dataSource(), "replica-dead");
        QuartzCheckIns.checkIn(database.dataSource(), "replica-alive");
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void onlyTheRunsOfReplicasQuartzNoLongerListsGoBackToTheQueue() {
        RunId ofAlive = running(alive, "Checkout");
        RunId ofDead = running(dead, "Search");

        assertThat(alive.requeueOrphans()).isEqualTo(1);

        assertThat(alive.find(ofAlive).orElseThrow().result()).isEqualTo(RunResult.RUNNING);
        assertThat(alive.find(ofDead).orElseThrow().result()).isEqualTo(RunResult.PENDING);
        assertThat(alive.claim(ofDead, NOW)).isTrue();
        assertThat(alive.requeueOrphans()).isZero();
    }

    @Test
    void theOwnersOfOrphansAreListedAndTheirRunsRequeuedOnlyWhileTheyAreStillNotLive() throws Exception {
        JdbcRunStore late = new JdbcRunStore(database.dataSource(), "replica-late");
        running(alive, "Checkout");
        RunId ofDead = running(dead, "Search");
        RunId ofLate = running(late, "Billing");

        assertThat(alive.orphanOwners()).containsExactly("replica-dead", "replica-late");

        // The late replica checks in again (after an outage, say) before its runs are put back: they stay its own.
        QuartzCheckIns.checkIn(database.dataSource(), "replica-late");
        assertThat(alive.requeueOrphansOf(List.of("replica-dead", "replica-late")))
                .isEqualTo(1);

        assertThat(alive.find(ofDead).orElseThrow().result()).isEqualTo(RunResult.PENDING);
        assertThat(alive.find(ofLate).orElseThrow().result()).isEqualTo(RunResult.RUNNING);
        assertThat(late.claims(List.of(ofLate))).containsExactly(new Claim(ofLate, false, false));
        assertThat(alive.orphanOwners()).isEmpty();
        assertThat(alive.requeueOrphansOf(List.of())).isZero();
    }

    @Test
    void aReplicaSeesItsRunTakenOverOnceItWentBackToTheQueueOrToAnother() {
        RunId run = running(dead, "Checkout");
        assertThat(dead.claims(List.of(run))).containsExactly(new Claim(run, false, false));

        alive.requeueOrphans();
        assertThat(dead.claims(List.of(run))).containsExactly(new Claim(run, true, false));

        alive.claim(run, NOW);
        assertThat(dead.claims(List.of(run))).containsExactly(new Claim(run, true, false));
        assertThat(alive.claims(List.of(run))).containsExactly(new Claim(run, false, false));
    }

    @Test
    void aFinishedRunIsNotTakenOver() {
        RunId run = running(alive, "Checkout");
        alive.finish(run, RunResult.PASSED, NOW, java.util.Optional.empty());

        assertThat(alive.claims(List.of(run))).containsExactly(new Claim(run, false, false));
    }

    @Test
    void aCancelAskedOfAnyReplicaReachesTheOwner() {
        RunId run = running(alive, "Checkout");
        RunId pending =
                dead.create("Search", RunRequest.of("tester"), "", NOW).run().id();

        assertThat(dead.requestCancel(run)).isTrue();
        assertThat(dead.requestCancel(pending)).as("not running").isFalse();

        assertThat(alive.claims(List.of(run, pending)))
                .containsExactlyInAnyOrder(new Claim(run, false, true), new Claim(pending, true, false));
    }

    @Test
    void aStoppingReplicaReleasesOnlyItsOwnRuns() {
        RunId mine = running(alive, "Checkout");
        RunId theirs = running(dead, "Search");

        assertThat(alive.release()).isEqualTo(1);

        assertThat(alive.find(mine).orElseThrow().result()).isEqualTo(RunResult.PENDING);
        assertThat(alive.find(theirs).orElseThrow().result()).isEqualTo(RunResult.RUNNING);
    }

    private static RunId running(JdbcRunStore store, String suite) {
        RunId id = store.create(suite, RunRequest.of("tester"), "", NOW).run().id();
        assertThat(store.claim(id, NOW)).isTrue();
        return id;
    }
}
