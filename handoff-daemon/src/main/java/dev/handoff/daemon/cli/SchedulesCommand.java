package dev.handoff.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code handoff schedules}: the schedules of a daemon, when each fires next and how it last ran. */
@Command(
        name = "schedules",
        mixinStandardHelpOptions = true,
        versionProvider = HandoffCommand.Version.class,
        sortOptions = false,
        description = "Lists the schedules of a Handoff daemon with their state, next fire and last run.")
final class SchedulesCommand extends ListingCommand {

    private static final List<String> HEADER =
            List.of("SCHEDULE", "SUITE", "WHEN", "STATE", "NEXT FIRE", "RUNS", "SKIPPED", "LAST RUN");

    SchedulesCommand(CliContext context) {
        super(context, "schedules", HEADER, DaemonClient::schedules);
    }

    @Override
    List<String> row(JsonNode schedule) {
        JsonNode last = schedule.path("lastRun");
        return List.of(
                schedule.path("name").asText(),
                schedule.path("suite").asText(),
                when(schedule),
                schedule.path("state").asText(),
                schedule.path("nextFireTime").isTextual()
                        ? schedule.path("nextFireTime").asText()
                        : "-",
                Integer.toString(schedule.path("runCount").asInt()),
                Integer.toString(schedule.path("skippedFires").asInt()),
                last.isObject()
                        ? "#" + last.path("number").asLong() + " "
                                + last.path("result").asText()
                        : "-");
    }

    /** {@code cron 0 0 2 * * ?} or {@code every 5m}, with its filter when it has one. */
    private static String when(JsonNode schedule) {
        String when = schedule.path("cron").isTextual()
                ? "cron " + schedule.path("cron").asText()
                : "every " + schedule.path("every").asText().replaceFirst("^@every\\s+", "");
        return schedule.path("filter").isTextual()
                ? when + " (filter " + schedule.path("filter").asText() + ")"
                : when;
    }
}
