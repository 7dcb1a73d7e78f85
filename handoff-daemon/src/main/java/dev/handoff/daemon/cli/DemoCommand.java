package dev.handoff.daemon.cli;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.Suite;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code handoff demo}: the README's demo. Serves every suite in the folders of this process's
 * classpath (the samples' compiled suites when started by {@code mvn -Pdemo -pl samples
 * exec:exec@demo}) and runs each once, so that the first page already has results.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        sortOptions = false,
        description = "Serves the suites in the classpath's folders and runs each once. Ctrl-C stops it.")
final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--port",
            paramLabel = "PORT",
            converter = OptionTypes.Port.class,
            description = "Port to listen on; 0 picks a free one.")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Address to listen on.")
    String host;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "target/handoff-demo",
            description = "Folder of the demo's database.")
    Path dataDir;

    private final CliContext context;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Handoff handoff = start();
        StopSignals.keepUntilStopped(handoff, handoff.config().runs().shutdownGrace(), context.out());
        return ExitCode.OK;
    }

    /** Starts the daemon, says where it listens and triggers one run of every suite. */
    Handoff start() {
        DaemonStartup.requireFreePort(host, port);
        Handoff handoff = DaemonStartup.start(Handoff.builder()
                .classpathDirectories()
                .host(host)
                .port(port)
                .dataDir(dataDir)
                .config());
        context.out().println("Handoff demo: " + handoff.url());
        context.out().println(DaemonStartup.describeSuites(handoff));
        for (Suite suite : handoff.catalog().suites()) {
            handoff.runs().trigger(suite.name(), RunRequest.of("demo"));
        }
        return handoff;
    }
}
