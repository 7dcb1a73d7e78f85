package dev.handoff.daemon.model;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * What Handoff keeps of a schedule beside Quartz's trigger (which holds the next fire time and
 * the pause state).
 *
 * @param startedAt when it was created or last replaced; a duration {@code until} counts from here
 * @param runCount runs it started
 * @param skippedFires fires that started nothing because its previous run had not started yet
 * @param lastRun the number of the last run it started
 * @param completed whether {@code maxRuns} or {@code until} retired it
 */
@API(status = API.Status.EXPERIMENTAL)
public record StoredSchedule(
        ScheduleDefinition definition,
        Instant startedAt,
        int runCount,
        int skippedFires,
        OptionalLong lastRun,
        boolean completed) {

    public StoredSchedule {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastRun, "lastRun");
    }

    public static StoredSchedule fresh(ScheduleDefinition definition, Instant now) {
        return new StoredSchedule(definition, now, 0, 0, OptionalLong.empty(), false);
    }

    public String name() {
        return definition.name();
    }
}
