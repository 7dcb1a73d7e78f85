package dev.handoff.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code handoff tests SUITE}: the suite's tests with their stability, the most trouble first. */
@Command(
        name = "tests",
        mixinStandardHelpOptions = true,
        versionProvider = HandoffCommand.Version.class,
        sortOptions = false,
        description = "Lists a suite's tests with their stability (stable, flaky, broken, new) and quarantines.")
final class TestsCommand implements Callable<Integer> {

    private static final List<String> HEADER =
            List.of("TEST", "STABILITY", "RUNS", "FLAKY PASSES", "FAILURES", "FLIP RATE", "IMPACT", "QUARANTINE");

    @Parameters(index = "0", paramLabel = "SUITE", description = "The suite.")
    String suite;

    @Option(
            names = "--window",
            paramLabel = "RUNS",
            description = "How many of the suite's newest finished runs judge (1 to 1000); default the daemon's.")
    Integer window;

    @Mixin
    DaemonAddress daemon = new DaemonAddress();

    @Option(names = "--json", description = "Print the daemon's JSON as it came.")
    boolean json;

    private final CliContext context;

    TestsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DaemonClient.Answer answer =
                daemon.client(context).tests(suite, window == null ? OptionalInt.empty() : OptionalInt.of(window));
        if (json) {
            context.out().println(answer.body());
            return ExitCode.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JsonNode test : answer.json().path("tests")) {
            JsonNode quarantine = test.path("quarantine");
            rows.add(List.of(
                    test.path("test").asText(),
                    test.path("stability").asText(),
                    Integer.toString(test.path("runs").asInt()),
                    Integer.toString(test.path("flakyPasses").asInt()),
                    Integer.toString(test.path("failures").asInt()),
                    String.format(Locale.ROOT, "%.0f%%", test.path("flipRate").asDouble() * 100),
                    Integer.toString(test.path("impact").asInt()),
                    quarantine.isObject() ? quarantine.path("reason").asText() : "-"));
        }
        Table.print(context.out(), rows);
        return ExitCode.OK;
    }
}
