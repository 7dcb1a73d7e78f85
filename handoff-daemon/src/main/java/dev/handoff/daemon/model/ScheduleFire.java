package dev.handoff.daemon.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * One fire of a schedule, as its page and {@code GET /schedules/{name}} show its recent fires.
 *
 * @param scheduledAt when it was due (Quartz's scheduled fire time)
 * @param firedAt when a daemon began to handle it
 * @param run the number of the run it started, when it started one
 * @param replica the Quartz instance id of the daemon that handled it
 */
@API(status = API.Status.EXPERIMENTAL)
public record ScheduleFire(Instant scheduledAt, Instant firedAt, Outcome outcome, OptionalLong run, String replica) {

    public ScheduleFire {
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(firedAt, "firedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(replica, "replica");
    }

    /** How late it began; never negative (a fire Quartz hands out early waits for its time). */
    public Duration lateness() {
        Duration lateness = Duration.between(scheduledAt, firedAt);
        return lateness.isNegative() ? Duration.ZERO : lateness;
    }

    /** What a fire did. A lost fire is one that has no row: it never happened. */
    @API(status = API.Status.EXPERIMENTAL)
    public enum Outcome {
        /** Being handled now (or its daemon died while handling it). */
        FIRING,
        /** Started a run. */
        RUN,
        /** Started nothing, by design: the schedule's previous run had not started yet. */
        SKIPPED,
        /** Could not start a run: its suite is gone, or its filter matches no test any more. */
        FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Outcome of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }
}
