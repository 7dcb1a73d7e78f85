package dev.handoff.daemon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code handoff quarantine SUITE TEST --reason R [--expires-in 7d]}: quarantines a test (its
 * failures become soft failures); {@code --lift} lifts it. Needs a {@code trigger} token.
 */
@Command(
        name = "quarantine",
        mixinStandardHelpOptions = true,
        versionProvider = HandoffCommand.Version.class,
        sortOptions = false,
        description = "Quarantines a test of a suite (its failures no longer fail runs), or lifts its quarantine.")
final class QuarantineCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SUITE", description = "The suite.")
    String suite;

    @Parameters(index = "1", paramLabel = "TEST", description = "The test (Nested/method for a nested class's).")
    String test;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why: a ticket or a cause; needed to quarantine.")
    String reason;

    @Option(
            names = "--expires-in",
            paramLabel = "DURATION",
            description = "Lift it by itself after this long, such as 7d; default: until lifted.")
    String expiresIn;

    @Option(names = "--lift", description = "Lift the test's quarantine instead.")
    boolean lift;

    @Mixin
    DaemonAddress daemon = new DaemonAddress();

    private final CliContext context;

    QuarantineCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DaemonClient client = daemon.client(context);
        if (lift) {
            if (expiresIn != null) {
                throw new CliException("--expires-in does not go with --lift");
            }
            client.lift(suite, test, Optional.ofNullable(reason));
            context.out().println("Lifted the quarantine of " + test + " of " + suite + ".");
            return ExitCode.OK;
        }
        if (reason == null || reason.isBlank()) {
            throw new CliException("quarantine needs --reason, such as a ticket: --reason JIRA-123");
        }
        ObjectNode body = new ObjectMapper().createObjectNode().put("reason", reason);
        if (expiresIn != null) {
            body.put("expiresIn", expiresIn);
        }
        DaemonClient.Answer answer = client.quarantine(suite, test, body);
        String until = answer.json().path("expiresAt").isTextual()
                ? " until " + answer.json().path("expiresAt").asText()
                : " until lifted";
        context.out().println("Quarantined " + test + " of " + suite + until + ": its failures are soft failures now.");
        return ExitCode.OK;
    }
}
