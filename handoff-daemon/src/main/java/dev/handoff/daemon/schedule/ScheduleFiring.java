package dev.handoff.daemon.schedule;

import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.ScheduleFire;
import dev.handoff.daemon.model.ShuttingDownException;
import dev.handoff.daemon.store.ScheduleStore;
import dev.handoff.daemon.trigger.RunService;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * What a fire of a schedule does, from Quartz's worker thread to a pending run: claim the fire,
 * start a run (or skip, when the schedule's last run is still pending), record what it did, all in
 * one transaction ({@link ScheduleStore#fire}), so that a fire keeps a Quartz thread for one
 * commit only.
 *
 * <p>Quartz may run two fires of one schedule at once ({@link ScheduleJob} allows concurrent
 * execution); on one daemon they take turns here, and in the database (the schedule's row is
 * locked), so that the pending-run rule holds on replicas too. The claim makes sure that a fire
 * Quartz hands out twice is handled once.
 */
final class ScheduleFiring {

    private static final System.Logger LOG = System.getLogger(ScheduleFiring.class.getName());

    private final ScheduleStore store;
    private final RunService runs;
    private final Clock clock;
    private final String instanceId;
    private final FireObserver observer;
    private final Consumer<String> unschedule;
    private final FireLateness lateness = new FireLateness();
    private final AtomicLong duplicates = new AtomicLong();
    /** Schedules share these by the hash of their names: few locks, as few threads contend for them. */
    private final ReentrantLock[] turns = new ReentrantLock[64];

    /** @param unschedule removes a schedule's trigger from Quartz */
    ScheduleFiring(
            ScheduleStore store,
            RunService runs,
            Clock clock,
            String instanceId,
            FireObserver observer,
            Consumer<String> unschedule) {
        this.store = store;
        this.runs = runs;
        this.clock = clock;
        this.instanceId = instanceId;
        this.observer = observer;
        this.unschedule = unschedule;
        for (int i = 0; i < turns.length; i++) {
            turns[i] = new ReentrantLock();
        }
    }

    /** How late fires began after their scheduled time, since start. */
    FireLateness lateness() {
        return lateness;
    }

    /** Fires Quartz handed to this daemon that had been handled already (by it or another replica). */
    long duplicates() {
        return duplicates.get();
    }

    /**
     * One fire of the schedule: a run, unless its last run is still pending.
     *
     * @param scheduledAt when Quartz was to fire it
     * @param last whether Quartz will not fire it again ({@code until} reached)
     */
    void fire(String name, Instant scheduledAt, boolean last) {
        boolean interrupted = awaitDue(scheduledAt);
        Instant firedAt = clock.instant();
        ReentrantLock turn = turns[Math.floorMod(name.hashCode(), turns.length)];
        turn.lock();
        try {
            handle(name, scheduledAt, firedAt, last);
        } finally {
            turn.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Quartz hands out the triggers of a pass up to {@link QuartzSchedulers#FIRE_AHEAD_MILLIS}
     * before the first is due, so that one pass serves many schedules: such a fire waits here for
     * its time (never longer than that window, whatever the clock says).
     *
     * @return whether the wait was interrupted (Quartz stopping without waiting for its jobs): the
     *     fire is handled all the same, and the interrupt is restored after, since a pool does not
     *     hand a connection to an interrupted thread
     */
    private boolean awaitDue(Instant scheduledAt) {
        Duration early = Duration.between(clock.instant(), scheduledAt);
        if (!early.isPositive()) {
            return false;
        }
        try {
            Thread.sleep(Collections.min(List.of(early, Duration.ofMillis(QuartzSchedulers.FIRE_AHEAD_MILLIS))));
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private void handle(String name, Instant scheduledAt, Instant firedAt, boolean last) {
        ScheduleStore.Fired fired;
        try {
            fired = store.fire(
                    new ScheduleStore.Fire(name, scheduledAt, firedAt, instanceId, last),
                    definition -> runs.prepare(
                            definition.suite(),
                            new RunRequest(
                                    definition.filter(),
                                    Optional.empty(),
                                    "schedule:" + name,
                                    Map.of(),
                                    Optional.empty())));
        } catch (ShuttingDownException e) {
            // Not handled: the daemon stopped taking runs as the fire came, as if it had stopped before.
            return;
        }
        switch (fired.kind()) {
            case GONE -> unschedule.accept(name);
            case DUPLICATE -> {
                duplicates.incrementAndGet();
                LOG.log(
                        Level.WARNING,
                        "schedule '%s': its fire due at %s was handled already".formatted(name, scheduledAt));
            }
            case HANDLED -> settled(name, scheduledAt, firedAt, fired);
        }
    }

    private void settled(String name, Instant scheduledAt, Instant firedAt, ScheduleStore.Fired fired) {
        Duration late = Duration.between(scheduledAt, firedAt);
        late = late.isNegative() ? Duration.ZERO : late;
        lateness.record(late);
        observer.fired(name, late);
        if (fired.run().isPresent()) {
            runs.queued();
        }
        fired.problem()
                .ifPresent(problem -> LOG.log(
                        Level.WARNING,
                        fired.outcome().orElseThrow() == ScheduleFire.Outcome.FAILED
                                ? "schedule '%s' started no run: %s".formatted(name, problem)
                                : "schedule '%s' skipped a fire: %s".formatted(name, problem)));
        if (fired.retired()) {
            unschedule.accept(name);
        }
    }
}
