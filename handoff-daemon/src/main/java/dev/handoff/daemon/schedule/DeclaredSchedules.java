package dev.handoff.daemon.schedule;

import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.ScheduleDeclaration;
import dev.handoff.daemon.model.ScheduleDefinition;
import dev.handoff.daemon.model.StoredSchedule;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.trigger.RunService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A replica's declared ({@code @Schedule}) schedules, and which stored ones it deletes or
 * (re)places, given what it declares itself and what the live replicas declare. A daemon alone is its own only live replica,
 * and then the rules come to: its declarations replace every other one.
 *
 * <p>In a cluster, replicas of two images share the schedules during a rolling update, and the
 * rules keep them from undoing each other's:
 * <ul>
 *   <li>a declared schedule goes only when no live replica declares its name any more;</li>
 *   <li>a stored definition stays as long as a live replica declares it, even when this replica
 *       declares another one of that name: the first one stays until the last replica declaring
 *       it is gone, then the other takes its place (with its counts started over);</li>
 *   <li>a replica places only its own definitions (so that it has the suite and checked them).</li>
 * </ul>
 */
final class DeclaredSchedules {

    private DeclaredSchedules() {}

    /**
     * This replica's declared schedules, checked, by name.
     *
     * @throws IllegalArgumentException naming the schedule and its suite, when a declared schedule
     *     is invalid or two have one name
     */
    static Map<String, ScheduleDefinition> of(SuiteCatalog catalog, RunService runs, Instant now) {
        Map<String, ScheduleDefinition> declared = new LinkedHashMap<>();
        for (Suite suite : catalog.suites()) {
            for (ScheduleDeclaration declaration : suite.schedules()) {
                ScheduleDefinition definition;
                try {
                    definition = new ScheduleDefinition(
                            declaration.name(),
                            suite.name(),
                            declaration.cron(),
                            declaration.every(),
                            declaration.filter(),
                            declaration.maxRuns(),
                            declaration.until(),
                            true);
                    ScheduleChecks.definition(definition, now);
                    runs.check(suite.name(), declaration.filter());
                } catch (IllegalArgumentException | InvalidParameterException e) {
                    throw new IllegalArgumentException(
                            "@Schedule '%s' on %s: %s".formatted(declaration.name(), suite.className(), e.getMessage()),
                            e);
                }
                ScheduleDefinition other = declared.putIfAbsent(definition.name(), definition);
                if (other != null) {
                    throw new IllegalArgumentException(
                            "schedule name '%s' is used by @Schedules of both suite '%s' and suite '%s': give one of them @Schedule(name = ...)"
                                    .formatted(definition.name(), other.suite(), definition.suite()));
                }
            }
        }
        return declared;
    }

    /**
     * What to change in the stored schedules.
     *
     * @param delete names of declared schedules to delete, trigger and row
     * @param put this replica's definitions to store afresh and hand to Quartz
     */
    record Plan(List<String> delete, List<ScheduleDefinition> put) {

        boolean isEmpty() {
            return delete.isEmpty() && put.isEmpty();
        }
    }

    /**
     * @param mine this replica's declared schedules, by name
     * @param live the definitions the live replicas declare (this one's included), by name
     * @param stored every stored schedule, declared or made over the API
     * @param triggerLost whether an unchanged, not completed schedule has lost its Quartz trigger
     *     and must be placed again (checked at start only)
     */
    static Plan plan(
            Map<String, ScheduleDefinition> mine,
            Map<String, Set<ScheduleDefinition>> live,
            List<StoredSchedule> stored,
            Predicate<String> triggerLost) {
        List<String> delete = new ArrayList<>();
        for (StoredSchedule schedule : stored) {
            if (schedule.definition().declared()
                    && !mine.containsKey(schedule.name())
                    && !live.containsKey(schedule.name())) {
                delete.add(schedule.name());
            }
        }
        List<ScheduleDefinition> put = new ArrayList<>();
        for (ScheduleDefinition definition : mine.values()) {
            Optional<StoredSchedule> current = stored.stream()
                    .filter(s -> s.name().equals(definition.name()))
                    .findFirst();
            if (current.isEmpty() || !current.get().definition().declared()) {
                put.add(definition);
            } else if (current.get().definition().equals(definition)) {
                if (!current.get().completed() && triggerLost.test(definition.name())) {
                    put.add(definition);
                }
            } else if (!live.getOrDefault(definition.name(), Set.of())
                    .contains(current.get().definition())) {
                put.add(definition);
            }
        }
        return new Plan(delete, put);
    }
}
