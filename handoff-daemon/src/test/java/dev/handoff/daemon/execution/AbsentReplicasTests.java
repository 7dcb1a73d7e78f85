package dev.handoff.daemon.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AbsentReplicasTests {

    private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");

    private final AbsentReplicas absent = new AbsentReplicas(Duration.ofSeconds(5));

    @Test
    void aReplicaIsConfirmedStoppedOnlyOnceItStayedAbsentForTheConfirmationTime() {
        assertThat(absent.confirmed(Set.of("a"), NOW)).isEmpty();
        assertThat(absent.confirmed(Set.of("a"), NOW.plusSeconds(4))).isEmpty();

        assertThat(absent.confirmed(Set.of("a"), NOW.plusSeconds(5))).containsExactly("a");
    }

    @Test
    void aReplicaThatChecksInAgainStartsOverWhenItIsSeenAbsentLater() {
        // As after an outage of the database: seen absent once, then live again.
        absent.confirmed(Set.of("a", "b"), NOW);
        absent.confirmed(Set.of("b"), NOW.plusSeconds(1));

        assertThat(absent.confirmed(Set.of("a", "b"), NOW.plusSeconds(5))).containsExactly("b");
        assertThat(absent.confirmed(Set.of("a"), NOW.plusSeconds(9))).isEmpty();
        assertThat(absent.confirmed(Set.of("a"), NOW.plusSeconds(10))).containsExactly("a");
    }

    @Test
    void aConfirmedReplicaIsForgottenOnceItsRunsWentBack() {
        absent.confirmed(Set.of("a"), NOW);
        assertThat(absent.confirmed(Set.of("a"), NOW.plusSeconds(5))).containsExactly("a");

        // Another run of the same owner, found later (it was claimed meanwhile): waits its own confirmation.
        assertThat(absent.confirmed(Set.of("a"), NOW.plusSeconds(6))).isEmpty();
        assertThat(absent.confirmed(Set.of("a"), NOW.plusSeconds(11))).containsExactly("a");
    }
}
