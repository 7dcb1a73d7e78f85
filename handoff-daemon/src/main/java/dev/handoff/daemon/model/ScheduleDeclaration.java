package dev.handoff.daemon.model;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A {@code @Schedule} on a suite class as discovery read it, with its name resolved; not checked
 * yet (the schedule package does that when it registers it).
 *
 * @param cron empty when the schedule has an interval
 * @param every empty when the schedule has a cron expression
 * @param maxRuns 0 for no limit
 */
@API(status = API.Status.EXPERIMENTAL)
public record ScheduleDeclaration(
        String name,
        Optional<String> cron,
        Optional<String> every,
        Optional<String> filter,
        int maxRuns,
        Optional<String> until) {

    public ScheduleDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(until, "until");
    }
}
