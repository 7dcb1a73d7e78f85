package dev.handoff.daemon.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A schedule as {@code GET /schedules} shows it: what is stored of it, and what Quartz and the
 * runs say about it now.
 *
 * @param nextFireTime empty when paused without a next fire, or completed
 * @param lastRun the last run it started, unless retention deleted it
 */
@API(status = API.Status.EXPERIMENTAL)
public record ScheduleStatus(
        StoredSchedule stored, State state, Optional<Instant> nextFireTime, Optional<SuiteRun> lastRun) {

    /** Whether a schedule fires. */
    @API(status = API.Status.EXPERIMENTAL)
    public enum State {
        ACTIVE,
        PAUSED,
        /** Retired by {@code maxRuns} or {@code until}; it fires no more. */
        COMPLETED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
