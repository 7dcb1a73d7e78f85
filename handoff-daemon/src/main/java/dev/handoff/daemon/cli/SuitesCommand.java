package dev.handoff.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code handoff suites}: the suites a daemon knows and how each last ran. */
@Command(
        name = "suites",
        mixinStandardHelpOptions = true,
        versionProvider = HandoffCommand.Version.class,
        sortOptions = false,
        description = "Lists the suites of a Handoff daemon with their last run.")
final class SuitesCommand extends ListingCommand {

    private static final List<String> HEADER = List.of("SUITE", "NAMESPACE", "TESTS", "LAST RESULT", "LAST RUN");

    SuitesCommand(CliContext context) {
        super(context, "suites", HEADER, DaemonClient::suites);
    }

    @Override
    List<String> row(JsonNode suite) {
        JsonNode latest = suite.path("latestRun");
        return List.of(
                suite.path("name").asText(),
                suite.path("namespace").asText(),
                Integer.toString(suite.path("tests").size()),
                latest.isObject() ? latest.path("result").asText() : "never run",
                latest.isObject() ? "#" + latest.path("number").asLong() : "-");
    }
}
