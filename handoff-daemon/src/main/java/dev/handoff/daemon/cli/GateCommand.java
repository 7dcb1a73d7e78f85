package dev.handoff.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.api.internal.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code handoff gate --suites a,b --ref X --wait 10m}: makes a gate on a daemon over its REST API
 * and, with {@code --wait}, waits for its verdict; the exit code is the verdict, for a CI step or
 * an Argo Rollouts job metric to act on.
 */
@Command(
        name = "gate",
        mixinStandardHelpOptions = true,
        versionProvider = HandoffCommand.Version.class,
        sortOptions = false,
        description = "Runs each suite once for a ref on a Handoff daemon and, with --wait, waits for the gate's"
                + " verdict: passed when every run passed (flaky too, unless --strict).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the gate passed (or was made, without --wait)",
            "1:the gate failed or timed out",
            "2:error: bad arguments, unknown suite, unreachable daemon, --wait elapsed before the verdict"
        })
final class GateCommand implements Callable<Integer> {

    @Option(
            names = "--suites",
            required = true,
            split = ",",
            paramLabel = "SUITE",
            description = "The suites to run, once each: a comma list, or the option repeated.")
    List<String> suites = new ArrayList<>();

    @Mixin
    DaemonAddress daemon = new DaemonAddress();

    @Option(
            names = "--ref",
            paramLabel = "REF",
            description = "What is being deployed, such as a version or a commit SHA.")
    String ref;

    @Option(names = "--filter", paramLabel = "REGEX", description = "Only the tests whose names match (find).")
    String filter;

    @Option(
            names = "--param",
            paramLabel = "KEY=VALUE",
            converter = OptionTypes.RunParameter.class,
            description = "A run parameter, HandoffContext.parameter(KEY); repeatable.")
    List<Map.Entry<String, String>> parameters = new ArrayList<>();

    @Option(names = "--strict", description = "A flaky run fails the gate.")
    boolean strict;

    @Option(
            names = "--wait",
            paramLabel = "DURATION",
            converter = OptionTypes.Length.class,
            description =
                    "Wait this long for the verdict; the exit code tells it. Without it, print the gate's address.")
    Duration wait;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = OptionTypes.Length.class,
            description = "After this long the gate is timed-out (exit 1). Default: --wait, else the daemon's 30m.")
    Duration timeout;

    @Option(
            names = "--idempotency-key",
            paramLabel = "KEY",
            description = "The same key gives the same gate: safe to retry a CI step or a job.")
    String idempotencyKey;

    /** How long past --wait the command still asks, when the gate's timeout is --wait. */
    static final Duration VERDICT_GRACE = Duration.ofSeconds(5);

    private final CliContext context;
    private final Clock clock;

    GateCommand(CliContext context) {
        this(context, Clock.systemUTC());
    }

    GateCommand(CliContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (suites.stream().allMatch(String::isBlank)) {
            throw new CliException("--suites names no suite");
        }
        DaemonClient client = daemon.client(context);
        JsonNode gate =
                client.createGate(body(), Optional.ofNullable(idempotencyKey)).json();
        long id = gate.path("id").asLong();
        context.out()
                .println("Gate " + id + ": " + client.resolve(gate.path("url").asText("gates/" + id)));
        if (wait == null) {
            return ExitCode.OK;
        }
        // A gate whose timeout is the wait times out as the wait ends: a moment more lets its verdict, timed-out,
        // arrive.
        Instant until = clock.instant().plus(timeout == null ? wait.plus(VERDICT_GRACE) : wait);
        while (!isFinal(gate)) {
            Duration left = Duration.between(clock.instant(), until);
            if (left.isNegative() || left.isZero()) {
                throw new CliException("gate " + id + " has no verdict after " + Durations.format(wait) + ": "
                        + gate.path("reason").asText());
            }
            gate = client.gate(id, left).json();
        }
        for (JsonNode run : gate.path("runs")) {
            context.out()
                    .println("  " + run.path("suite").asText() + " #"
                            + run.path("number").asLong() + " "
                            + run.path("result").asText() + ": "
                            + client.resolve(run.path("url").asText()));
        }
        context.out().println(gate.path("reason").asText());
        return gate.path("verdict").asText().equals("passed") ? ExitCode.OK : ExitCode.FAILED;
    }

    private static boolean isFinal(JsonNode gate) {
        return switch (gate.path("verdict").asText()) {
            case "passed", "failed", "timed-out" -> true;
            default -> false;
        };
    }

    private ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        var names = body.putArray("suites");
        suites.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(names::add);
        Optional.ofNullable(ref).ifPresent(r -> body.put("ref", r));
        Optional.ofNullable(filter).ifPresent(f -> body.put("filter", f));
        Optional.ofNullable(timeout)
                .or(() -> Optional.ofNullable(wait))
                .ifPresent(t -> body.put("timeout", Durations.format(t)));
        body.put("strict", strict);
        body.put("initiatedBy", "cli");
        ObjectNode parameterNode = body.putObject("parameters");
        OptionTypes.parameterMap(parameters).forEach(parameterNode::put);
        return body;
    }
}
