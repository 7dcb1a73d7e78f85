package dev.handoff.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.PostgresServer;
import dev.handoff.daemon.model.Quarantine;
import dev.handoff.daemon.model.QuarantineEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quarantines and digest claims on H2 and on PostgreSQL (what replicas share): put, replace, lift,
 * expiry with its audit line, counts, and a daily digest claimed once per day.
 */
class StabilityStoreTests {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void quarantinesAndDigestsOnH2() {
        try (Database database = Database.open(dataDir)) {
            quarantinesAndDigests(new StabilityStore(database.dataSource()));
        }
    }

    @Test
    void quarantinesAndDigestsOnPostgres() {
        try (Database database = Database.open(PostgresServer.shared().newDatabase(), PostgresServer.USER, "")) {
            quarantinesAndDigests(new StabilityStore(database.dataSource()));
        }
    }

    private static void quarantinesAndDigests(StabilityStore store) {
        store.quarantine(new Quarantine("shop", "Nested/pays ✓", "PAY-1", "alice", NOW, Optional.empty()));
        store.quarantine(
                new Quarantine("shop", "refunds", "REF-2", "bob", NOW, Optional.of(NOW.plus(Duration.ofHours(1)))));
        store.quarantine(
                new Quarantine("shop", "Nested/pays ✓", "PAY-1b", "carol", NOW.plusSeconds(5), Optional.empty()));

        assertThat(store.quarantines("shop", NOW.plusSeconds(10)))
                .containsOnlyKeys("Nested/pays ✓", "refunds")
                .extractingByKey("Nested/pays ✓")
                .extracting(Quarantine::reason, Quarantine::by)
                .containsExactly("PAY-1b", "carol");
        assertThat(store.quarantinedCounts(NOW.plusSeconds(10))).containsEntry("shop", 2);

        // an hour later the refunds quarantine has expired: gone, with an audit line by the daemon
        assertThat(store.quarantines("shop", NOW.plus(Duration.ofHours(2)))).containsOnlyKeys("Nested/pays ✓");
        assertThat(store.events("shop", "refunds"))
                .extracting(QuarantineEvent::action, QuarantineEvent::actor)
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple("quarantined", "bob"),
                        org.assertj.core.api.Assertions.tuple("expired", StabilityStore.DAEMON));

        assertThat(store.lift("shop", "Nested/pays ✓", "dave", Optional.of("fixed"), NOW.plus(Duration.ofHours(3))))
                .isTrue();
        assertThat(store.lift("shop", "Nested/pays ✓", "dave", Optional.empty(), NOW.plus(Duration.ofHours(3))))
                .isFalse();
        assertThat(store.events("shop", "Nested/pays ✓"))
                .extracting(QuarantineEvent::action)
                .containsExactly("quarantined", "quarantined", "lifted");
        assertThat(store.quarantinedCounts(NOW.plus(Duration.ofHours(3)))).isEmpty();

        Duration day = Duration.ofDays(1);
        assertThat(store.claimDigest("slack", "shop", NOW, day)).isTrue();
        assertThat(store.claimDigest("slack", "shop", NOW.plus(Duration.ofHours(23)), day))
                .isFalse();
        assertThat(store.claimDigest("slack", "other", NOW.plus(Duration.ofHours(23)), day))
                .isTrue();
        assertThat(store.claimDigest("slack", "shop", NOW.plus(day), day)).isTrue();
        assertThat(store.claimDigest("slack", "shop", NOW.plus(day).plusSeconds(1), day))
                .isFalse();
    }
}
