package dev.handoff.daemon.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --url} of the daemon a client command talks to, one declaration for every such
 * command ({@code run}, {@code gate}, {@code tests}, {@code quarantine}, the listings).
 */
final class DaemonAddress {

    @Option(
            names = "--url",
            paramLabel = "URL",
            defaultValue = "http://127.0.0.1:1337/",
            description = {"The daemon. Env: HANDOFF_URL.", "Default: ${DEFAULT-VALUE}"})
    String url;

    /** A client of the daemon: {@code --url} when given, else {@code HANDOFF_URL}, else the default. */
    DaemonClient client(CliContext context) {
        return DaemonClient.fromEnvironment(url, context.env());
    }
}
