package dev.handoff.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code handoff schedules}: the schedules of a daemon, when each fires next and how it last ran. */
@Command(name = "schedules", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists the schedules of a Handoff daemon with their state, next fire and last run.")
final class SchedulesCommand implements Callable<Integer> {

    private static final List<String> HEADER = List.of("SCHEDULE", "SUITE", "WHEN", "STATE", "NEXT FIRE", "RUNS", "SKIPPED", "LAST RUN");

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:1337/",
            description = {"The daemon. Env: HANDOFF_URL.", "Default: ${DEFAULT-VALUE}"})
    String url;

    @Option(names = "--json", description = "Print the daemon's JSON as it came.")
    boolean json;

    private final CliContext context;

    SchedulesCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DaemonClient.Answer answer = new DaemonClient(url).schedules();
        if (json) {
            context.out().println(answer.body());
            return ExitCode.OK;
        }
        if (answer.json().path("schedules").isEmpty()) {
            context.out().println("The daemon has no schedules.");
            return ExitCode.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JsonNode schedule : answer.json().path("schedules")) {
            JsonNode last = schedule.path("lastRun");
            rows.add(List.of(
                    schedule.path("name").asText(),
                    schedule.path("suite").asText(),
                    when(schedule),
                    schedule.path("state").asText(),
                    schedule.path("nextFireTime").isTextual() ? schedule.path("nextFireTime").asText() : "-",
                    Integer.toString(schedule.path("runCount").asInt()),
                    Integer.toString(schedule.path("skippedFires").asInt()),
                    last.isObject() ? "#" + last.path("number").asLong() + " " + last.path("result").asText() : "-"));
        }
        Table.print(context.out(), rows);
        return ExitCode.OK;
    }

    /** {@code cron 0 0 2 * * ?} or {@code every 5m}, with its filter when it has one. */
    private static String when(JsonNode schedule) {
        String when = schedule.path("cron").isTextual() ? "cron " + schedule.path("cron").asText()
                : "every " + schedule.path("every").asText().replaceFirst("^@every\\s+", "");
        return schedule.path("filter").isTextual() ? when + " (filter " + schedule.path("filter").asText() + ")" : when;
    }
}
