package dev.handoff.daemon.schedule;

import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.ScheduleStatus;
import dev.handoff.daemon.model.StoredSchedule;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.daemon.store.ScheduleStore;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.quartz.Trigger;

/**
 * How schedules stand now ({@link ScheduleStatus}): what is stored of them, what Quartz says of
 * their triggers, and their last runs. One schedule is asked of Quartz and the runs; the list is
 * read in one go ({@link ScheduleStore#listed}).
 */
final class ScheduleStatuses {

    private final ScheduleStore store;
    private final QuartzTriggers triggers;
    private final RunStore runStore;

    ScheduleStatuses(ScheduleStore store, QuartzTriggers triggers, RunStore runStore) {
        this.store = store;
        this.triggers = triggers;
        this.runStore = runStore;
    }

    /** By name. */
    List<ScheduleStatus> list(Instant now) {
        return store.listed(QuartzTriggers.GROUP).stream()
                .map(listed -> status(
                        listed.schedule(),
                        now,
                        () -> listed.triggerState().isEmpty()
                                ? new Fires(Trigger.TriggerState.NONE, Optional.empty())
                                : new Fires(QuartzTriggers.state(listed.triggerState()), listed.nextFire()),
                        listed.lastRun()))
                .toList();
    }

    /** What Quartz says of a schedule's trigger. */
    private record Fires(Trigger.TriggerState state, Optional<Instant> next) {}

    ScheduleStatus of(StoredSchedule stored, Instant now) {
        return status(
                stored,
                now,
                () -> {
                    Optional<Trigger> trigger = triggers.find(stored.name());
                    return new Fires(
                            trigger.isEmpty() ? Trigger.TriggerState.NONE : triggers.state(stored.name()),
                            trigger.map(Trigger::getNextFireTime).map(Date::toInstant));
                },
                lastRun(stored));
    }

    /** @param fires asked only for a schedule not completed */
    private static ScheduleStatus status(
            StoredSchedule stored, Instant now, Supplier<Fires> fires, Optional<SuiteRun> lastRun) {
        boolean expired = ScheduleChecks.until(stored.definition().until(), stored.startedAt())
                .map(until -> !until.isAfter(now))
                .orElse(false);
        if (stored.completed() || expired) {
            return new ScheduleStatus(stored, ScheduleStatus.State.COMPLETED, Optional.empty(), lastRun);
        }
        Fires trigger = fires.get();
        ScheduleStatus.State shown = switch (trigger.state()) {
            case PAUSED -> ScheduleStatus.State.PAUSED;
            case COMPLETE, NONE -> ScheduleStatus.State.COMPLETED;
            default -> ScheduleStatus.State.ACTIVE;
        };
        return new ScheduleStatus(stored, shown, trigger.next(), lastRun);
    }

    Optional<SuiteRun> lastRun(StoredSchedule stored) {
        if (stored.lastRun().isEmpty()) {
            return Optional.empty();
        }
        return runStore.find(
                new RunId(stored.definition().suite(), stored.lastRun().getAsLong()));
    }
}
