package dev.handoff.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.PostgresServer;
import dev.handoff.daemon.model.ScheduleDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What replicas of a cluster record of the suites and schedules they serve, and whose records
 * count: the live replicas' (those Quartz lists) and the asking replica's own.
 */
class ReplicaRegistryTests {

    private static final Instant NOW = Instant.parse("2025-03-10T09:15:30Z");
    private static final ScheduleDefinition HOURLY = declared("1h");
    private static final ScheduleDefinition TWO_HOURLY = declared("2h");

    private Database database;
    private ReplicaRegistry alive;
    private ReplicaRegistry dead;
    private ReplicaRegistry starting;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(PostgresServer.shared().newDatabase(), PostgresServer.USER, "");
        alive = new ReplicaRegistry(database.dataSource(), "replica-alive");
        dead = new ReplicaRegistry(database.dataSource(), "replica-dead");
        starting = new ReplicaRegistry(database.dataSource(), "replica-starting");
        QuartzCheckIns.checkIn(database.dataSource(), "replica-alive");
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theSuitesOfReplicasQuartzNoLongerListsDoNotCount() {
        alive.register(List.of("Checkout", "Search"), List.of(), NOW);
        dead.register(List.of("Search", "Payments"), List.of(), NOW);

        assertThat(alive.liveSuites()).containsExactlyInAnyOrder("Checkout", "Search");
    }

    @Test
    void aReplicaCountsItselfBeforeItsFirstCheckIn() {
        alive.register(List.of("Checkout"), List.of(), NOW);
        starting.register(List.of("Payments"), List.of(HOURLY), NOW);

        assertThat(starting.liveSuites()).containsExactlyInAnyOrder("Checkout", "Payments");
        assertThat(alive.liveSuites()).containsExactly("Checkout");
        assertThat(starting.liveDeclarations()).containsOnlyKeys("nightly");
    }

    @Test
    void eachNameCarriesTheDefinitionsOfEveryLiveReplica() {
        alive.register(List.of("Checkout"), List.of(HOURLY), NOW);
        starting.register(List.of("Checkout"), List.of(TWO_HOURLY), NOW);
        dead.register(List.of("Checkout"), List.of(declared("3h")), NOW);

        assertThat(starting.liveDeclarations()).isEqualTo(java.util.Map.of("nightly", Set.of(HOURLY, TWO_HOURLY)));
        assertThat(alive.liveDeclarations()).isEqualTo(java.util.Map.of("nightly", Set.of(HOURLY)));
    }

    @Test
    void aWithdrawnReplicaServesNothingAndRegistersAgainWithoutDuplicates() {
        alive.register(List.of("Checkout"), List.of(HOURLY), NOW);
        alive.withdraw();

        assertThat(alive.isRegistered()).isFalse();
        assertThat(alive.liveSuites()).isEmpty();
        assertThat(alive.liveDeclarations()).isEmpty();

        alive.register(List.of("Checkout"), List.of(HOURLY), NOW);
        alive.register(List.of("Search"), List.of(), NOW);
        assertThat(alive.isRegistered()).isTrue();
        assertThat(alive.liveSuites()).containsExactly("Search");
    }

    @Test
    void theRowsOfADeadReplicaGoOnceOlderThanTheStartOfAnyReplica() throws Exception {
        dead.register(
                List.of("Payments"),
                List.of(HOURLY),
                NOW.minus(ReplicaRegistry.FORGET_AFTER).minusSeconds(1));
        starting.register(List.of("Search"), List.of(), NOW.minusSeconds(1));

        alive.register(List.of("Checkout"), List.of(), NOW);

        assertThat(rows("select instance_id from replica"))
                .containsExactlyInAnyOrder("replica-alive", "replica-starting");
        assertThat(rows("select instance_id from replica_schedule")).isEmpty();
    }

    private List<String> rows(String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement query = connection.prepareStatement(sql);
                ResultSet row = query.executeQuery()) {
            List<String> values = new java.util.ArrayList<>();
            while (row.next()) {
                values.add(row.getString(1));
            }
            return values;
        }
    }

    private static ScheduleDefinition declared(String every) {
        return new ScheduleDefinition(
                "nightly",
                "Checkout",
                Optional.empty(),
                Optional.of(every),
                Optional.of("place"),
                3,
                Optional.of("30d"),
                true);
    }
}
