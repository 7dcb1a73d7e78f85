package dev.handoff.daemon.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.model.ScheduleDefinition;
import dev.handoff.daemon.model.StoredSchedule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules by which replicas that declare different schedules leave each other's alone. */
class DeclaredSchedulesTests {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ScheduleDefinition HOURLY = declared("nightly", "1h");
    private static final ScheduleDefinition TWO_HOURLY = declared("nightly", "2h");
    private static final ScheduleDefinition OTHER = declared("other", "5m");

    @Test
    void aDaemonAlonePlacesWhatItDeclaresAndDeletesWhatItDoesNot() {
        DeclaredSchedules.Plan plan = DeclaredSchedules.plan(
                mine(TWO_HOURLY), live(TWO_HOURLY), List.of(stored(HOURLY), stored(OTHER)), name -> false);

        assertThat(plan.delete()).containsExactly("other");
        assertThat(plan.put()).containsExactly(TWO_HOURLY);
    }

    @Test
    void anUnchangedScheduleKeepsItsCountsUnlessItsTriggerIsLost() {
        assertThat(DeclaredSchedules.plan(mine(HOURLY), live(HOURLY), List.of(stored(HOURLY)), name -> false)
                        .isEmpty())
                .isTrue();
        assertThat(DeclaredSchedules.plan(mine(HOURLY), live(HOURLY), List.of(stored(HOURLY)), name -> true)
                        .put())
                .containsExactly(HOURLY);
    }

    @Test
    void aScheduleAnotherLiveReplicaDeclaresIsNotDeleted() {
        DeclaredSchedules.Plan plan =
                DeclaredSchedules.plan(mine(), live(OTHER), List.of(stored(OTHER)), name -> false);

        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void aStoredDefinitionAnotherLiveReplicaDeclaresStaysRatherThanThisOnes() {
        DeclaredSchedules.Plan plan = DeclaredSchedules.plan(
                mine(TWO_HOURLY), live(HOURLY, TWO_HOURLY), List.of(stored(HOURLY)), name -> false);

        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void aStoredDefinitionNoLiveReplicaDeclaresIsReplacedByThisOnes() {
        DeclaredSchedules.Plan plan =
                DeclaredSchedules.plan(mine(TWO_HOURLY), live(TWO_HOURLY), List.of(stored(HOURLY)), name -> false);

        assertThat(plan.put()).containsExactly(TWO_HOURLY);
        assertThat(plan.delete()).isEmpty();
    }

    @Test
    void aReplicaPlacesOnlyItsOwnDefinitions() {
        DeclaredSchedules.Plan plan =
                DeclaredSchedules.plan(mine(), live(TWO_HOURLY), List.of(stored(HOURLY)), name -> false);

        assertThat(plan.isEmpty()).as("the replica that declares 2h places it").isTrue();
    }

    @Test
    void aScheduleMadeOverTheApiIsLeftAloneUnlessADeclarationHasItsName() {
        ScheduleDefinition made = new ScheduleDefinition(
                "nightly", "Suite", Optional.empty(), Optional.of("1h"), Optional.empty(), 0, Optional.empty(), false);

        assertThat(DeclaredSchedules.plan(mine(), live(), List.of(stored(made)), name -> false)
                        .isEmpty())
                .isTrue();
        assertThat(DeclaredSchedules.plan(mine(HOURLY), live(HOURLY), List.of(stored(made)), name -> false)
                        .put())
                .containsExactly(HOURLY);
    }

    private static ScheduleDefinition declared(String name, String every) {
        return new ScheduleDefinition(
                name, "Suite", Optional.empty(), Optional.of(every), Optional.empty(), 0, Optional.empty(), true);
    }

    private static StoredSchedule stored(ScheduleDefinition definition) {
        return StoredSchedule.fresh(definition, T0);
    }

    private static Map<String, ScheduleDefinition> mine(ScheduleDefinition... definitions) {
        Map<String, ScheduleDefinition> mine = new LinkedHashMap<>();
        for (ScheduleDefinition definition : definitions) {
            mine.put(definition.name(), definition);
        }
        return mine;
    }

    private static Map<String, Set<ScheduleDefinition>> live(ScheduleDefinition... definitions) {
        Map<String, Set<ScheduleDefinition>> live = new LinkedHashMap<>();
        for (ScheduleDefinition definition : definitions) {
            live.computeIfAbsent(definition.name(), name -> new java.util.LinkedHashSet<>())
                    .add(definition);
        }
        return live;
    }
}
