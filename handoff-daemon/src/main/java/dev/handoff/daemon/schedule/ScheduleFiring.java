package dev.handoff.daemon.schedule;

import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.PendingLimitException;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.ScheduleDefinition;
import dev.handoff.daemon.model.ScheduleFire;
import dev.handoff.daemon.model.ShuttingDownException;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.UnknownSuiteException;
import dev.handoff.daemon.store.ScheduleStore;
import dev.handoff.daemon.trigger.RunService;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * What a fire of a schedule does, from Quartz's worker thread to a pending run: claim the fire,
 * start a run (or skip, when the schedule's last run is still pending), record what it did. Three
 * transactions, so that a fire keeps a Quartz thread for a few milliseconds only.
 *
 * <p>Quartz may run two fires of one schedule at once ({@link ScheduleJob} allows concurrent
 * execution); on one daemon they take turns here, so that the pending-run rule holds. Replicas of
 * a cluster overlap only when a fire takes longer than the schedule's interval (1 s at least),
 * and then at worst two runs of it wait. The claim ({@link ScheduleStore#claimFire}) makes sure
 * that a fire Quartz hands out twice is handled once.
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
        Instant firedAt = clock.instant();
        ReentrantLock turn = turns[Math.floorMod(name.hashCode(), turns.length)];
        turn.lock();
        try {
            handle(name, scheduledAt, firedAt, last);
        } finally {
            turn.unlock();
        }
    }

    private void handle(String name, Instant scheduledAt, Instant firedAt, boolean last) {
        ScheduleStore.FireClaim claim = store.claimFire(name, scheduledAt, firedAt, instanceId);
        if (claim.schedule().isEmpty() || claim.schedule().get().completed()) {
            unschedule.accept(name);
            return;
        }
        if (!claim.claimed()) {
            duplicates.incrementAndGet();
            LOG.log(
                    Level.WARNING,
                    "schedule '%s': its fire due at %s was handled already".formatted(name, scheduledAt));
            return;
        }
        Duration late = Duration.between(scheduledAt, firedAt);
        late = late.isNegative() ? Duration.ZERO : late;
        lateness.record(late);
        observer.fired(name, late);
        ScheduleDefinition definition = claim.schedule().get().definition();
        ScheduleFire.Outcome outcome;
        OptionalLong run = OptionalLong.empty();
        if (claim.lastRun().map(r -> r.result() == RunResult.PENDING).orElse(false)) {
            outcome = ScheduleFire.Outcome.SKIPPED;
        } else {
            RunRequest request = new RunRequest(
                    definition.filter(), Optional.empty(), "schedule:" + name, Map.of(), Optional.empty());
            try {
                SuiteRun started = runs.trigger(definition.suite(), request).run();
                outcome = ScheduleFire.Outcome.RUN;
                run = OptionalLong.of(started.id().number());
            } catch (ShuttingDownException e) {
                // Not handled after all: the claim stays "firing", as for a daemon that died here.
                return;
            } catch (UnknownSuiteException | InvalidParameterException e) {
                outcome = ScheduleFire.Outcome.FAILED;
                LOG.log(Level.WARNING, "schedule '%s' started no run: %s".formatted(name, e.getMessage()));
            } catch (PendingLimitException e) {
                outcome = ScheduleFire.Outcome.SKIPPED;
                LOG.log(Level.WARNING, "schedule '%s' skipped a fire: %s".formatted(name, e.getMessage()));
            }
        }
        int count = store.settleFire(name, scheduledAt, outcome, run);
        boolean retired =
                outcome == ScheduleFire.Outcome.RUN && definition.maxRuns() > 0 && count >= definition.maxRuns();
        if (last || retired) {
            store.complete(name);
            unschedule.accept(name);
        }
    }
}
