package dev.handoff.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.daemon.model.TestCounts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code handoff run SUITE}: triggers a run on a daemon over its REST API and, if asked, follows it to the end. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = HandoffCommand.Version.class,
        sortOptions = false,
        description =
                "Triggers a run of a suite on a Handoff daemon; with --wait, prints each test's result as it finishes.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:triggered (without --wait), or the run passed or was flaky",
            "1:the run failed or was cancelled",
            "2:error: bad arguments, unknown suite, unreachable daemon, --timeout elapsed"
        })
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SUITE", description = "The suite's name, as 'handoff suites' lists it.")
    String suite;

    @Mixin
    DaemonAddress daemon = new DaemonAddress();

    @Option(names = "--filter", paramLabel = "REGEX", description = "Only the tests whose names match (find).")
    String filter;

    @Option(names = "--ref", paramLabel = "REF", description = "What is tested, such as a commit SHA or a version.")
    String ref;

    @Option(
            names = "--param",
            paramLabel = "KEY=VALUE",
            converter = OptionTypes.RunParameter.class,
            description = "A run parameter, HandoffContext.parameter(KEY); repeatable.")
    List<Map.Entry<String, String>> parameters = new ArrayList<>();

    @Option(names = "--wait", description = "Follow the run to its end; the exit code tells its result.")
    boolean wait;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = OptionTypes.Length.class,
            description = "With --wait: give up after this long (exit 2); the run goes on. Default: no limit.")
    Duration timeout;

    @Option(
            names = "--junit-xml",
            paramLabel = "FILE",
            description = "Write the finished run's JUnit XML report here (implies --wait).")
    Path junitXml;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "Write the finished run's detail as JSON here (implies --wait).")
    Path json;

    @Option(
            names = "--idempotency-key",
            paramLabel = "KEY",
            description = "The same key for the same suite gives the same run: safe to retry a CI step.")
    String idempotencyKey;

    private final CliContext context;

    RunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Reports.checkWritable(junitXml, "--junit-xml");
        Reports.checkWritable(json, "--json");
        DaemonClient client = daemon.client(context);
        JsonNode run = client.trigger(suite, body(), Optional.ofNullable(idempotencyKey))
                .json();
        long number = run.path("number").asLong();
        URI page = client.resolve(run.path("url").asText("suites/" + DaemonClient.segment(suite) + "/runs/" + number));
        if (!wait && junitXml == null && json == null) {
            context.out().println(page);
            return ExitCode.OK;
        }
        context.out().println("Run " + suite + " #" + number + ": " + page);
        DaemonClient.Answer detail =
                new RunWatcher(client, context.out()).watch(suite, number, Optional.ofNullable(timeout));
        int exitCode = finish(detail.json(), number);
        if (junitXml != null) {
            Reports.write(junitXml, "--junit-xml", client.junitXml(suite, number));
        }
        if (json != null) {
            Reports.write(json, "--json", detail.body());
        }
        return exitCode;
    }

    private ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        Optional.ofNullable(filter).ifPresent(f -> body.put("filter", f));
        Optional.ofNullable(ref).ifPresent(r -> body.put("ref", r));
        body.put("initiatedBy", "cli");
        ObjectNode parameterNode = body.putObject("parameters");
        OptionTypes.parameterMap(parameters).forEach(parameterNode::put);
        return body;
    }

    private int finish(JsonNode run, long number) {
        String result = run.path("result").asText();
        if (run.path("failure").isObject() && !result.equals("passed") && !result.equals("flaky")) {
            context.out()
                    .println(ProgressLines.suiteFailure(
                            suite, RunWatcher.message(run).orElse(result)));
        }
        JsonNode counts = run.path("counts");
        Optional<Duration> duration = run.path("durationMillis").isNumber()
                ? Optional.of(Duration.ofMillis(run.path("durationMillis").asLong()))
                : Optional.empty();
        context.out()
                .println(ProgressLines.summary(
                        suite + " #" + number,
                        result,
                        duration,
                        new TestCounts(
                                counts.path("passed").asInt(),
                                counts.path("failed").asInt(),
                                counts.path("softFailed").asInt(),
                                counts.path("skipped").asInt(),
                                counts.path("flaky").asInt())));
        return switch (result) {
            case "passed", "flaky" -> ExitCode.OK;
            case "failed", "cancelled" -> ExitCode.FAILED;
            default ->
                throw new CliException("run " + suite + " #" + number
                        + " ended with a result this client does not know: '" + result + "'");
        };
    }
}
