package dev.handoff.daemon.model;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A schedule as its author wrote it, checked: a suite, a cron expression or an interval, and what
 * each of its runs asks for.
 *
 * @param cron a Quartz cron expression; empty when {@code every} is given
 * @param every an interval as written ({@code 5m}, {@code @every 5m}); empty when {@code cron} is given
 * @param maxRuns 0 for no limit
 * @param until a duration since the schedule started or an ISO instant, as written
 * @param declared whether it comes from a {@code @Schedule} in code (it cannot be deleted over the API)
 */
@API(status = API.Status.EXPERIMENTAL)
public record ScheduleDefinition(
        String name,
        String suite,
        Optional<String> cron,
        Optional<String> every,
        Optional<String> filter,
        int maxRuns,
        Optional<String> until,
        boolean declared) {

    public ScheduleDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(until, "until");
        if (cron.isPresent() == every.isPresent()) {
            throw new IllegalArgumentException("schedule '" + name + "' needs exactly one of cron and every");
        }
    }

    /** The cron expression or the interval, as written. */
    public String expression() {
        return cron.orElseGet(every::orElseThrow);
    }
}
