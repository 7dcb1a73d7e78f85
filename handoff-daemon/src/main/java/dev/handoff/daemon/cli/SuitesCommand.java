package dev.handoff.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code handoff suites}: the suites a daemon knows and how each last ran. */
@Command(name = "suites", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists the suites of a Handoff daemon with their last run.")
final class SuitesCommand implements Callable<Integer> {

    private static final List<String> HEADER = List.of("SUITE", "NAMESPACE", "TESTS", "LAST RESULT", "LAST RUN");

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:1337/",
            description = {"The daemon. Env: HANDOFF_URL.", "Default: ${DEFAULT-VALUE}"})
    String url;

    @Option(names = "--json", description = "Print the daemon's JSON as it came.")
    boolean json;

    private final CliContext context;

    SuitesCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DaemonClient.Answer answer = new DaemonClient(url).suites();
        if (json) {
            context.out().println(answer.body());
            return ExitCode.OK;
        }
        if (answer.json().path("suites").isEmpty()) {
            context.out().println("The daemon has no suites.");
            return ExitCode.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JsonNode suite : answer.json().path("suites")) {
            JsonNode latest = suite.path("latestRun");
            rows.add(List.of(
                    suite.path("name").asText(),
                    suite.path("namespace").asText(),
                    Integer.toString(suite.path("tests").size()),
                    latest.isObject() ? latest.path("result").asText() : "never run",
                    latest.isObject() ? "#" + latest.path("number").asLong() : "-"));
        }
        Table.print(context.out(), rows);
        return ExitCode.OK;
    }
}
