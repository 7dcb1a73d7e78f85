package dev.handoff.daemon.cli;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.Suite;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * {@code handoff demo}: the README's demo. Serves the sample suites and runs each once, so that the
 * first page already has results.
 *
 * <p>Where the suites come from: {@code --suites} when given; else, when this runs from {@code
 * handoff.jar}, the samples' bundle that the build leaves beside it ({@code
 * samples/target/handoff-suites}, made by {@code handoff:bundle}: the suites, the shop service they
 * test and their jars), so the demo needs no Maven once built; else (started by {@code mvn -Pdemo
 * -pl samples exec:exec@demo}) every suite in the folders of this process's classpath. The daemon
 * cannot depend on the samples (they are built after it), hence a folder found at run time.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = HandoffCommand.Version.class,
        showDefaultValues = true,
        sortOptions = false,
        description = "Serves the sample suites and runs each once. Ctrl-C stops it.")
final class DemoCommand implements Callable<Integer> {

    /** The samples' bundle, relative to the folder of {@code handoff-daemon/target/handoff.jar}. */
    static final Path SAMPLES_BUNDLE = Path.of("..", "..", "samples", "target", "handoff-suites");

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

    @Option(
            names = "--suites",
            paramLabel = "PATH",
            showDefaultValue = Visibility.NEVER,
            description = {
                "Suites to serve instead of the samples (as serve --suites); repeatable.",
                "Default: the samples' bundle beside handoff.jar, or the classpath's folders"
            })
    List<Path> suites = new ArrayList<>();

    /** Set by {@code DemoMain}: a busy port is then fixed on the Maven command line, not with a flag. */
    @Option(names = "--from-maven", hidden = true)
    boolean fromMaven;

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
        DaemonStartup.requireFreePort(
                host,
                port,
                fromMaven
                        ? "add -Ddemo.args=\"--port 8080\" to the Maven command (--port 0 picks a free one)"
                        : "give another --port");
        Handoff.Builder builder = Handoff.builder().host(host).port(port).dataDir(dataDir);
        // From Maven the samples' classes are on the classpath, and the daemon may be a jar of the
        // local repository, with no bundle beside it: the classpath's folders are the suites then.
        List<Path> paths = !suites.isEmpty()
                ? suites
                : fromMaven ? List.of() : samplesBesideJar().stream().toList();
        if (paths.isEmpty()) {
            builder.classpathDirectories();
        } else {
            paths.forEach(builder::suitesPath);
        }
        context.out()
                .println("Starting the Handoff demo: finding the suites in "
                        + (paths.isEmpty() ? "the classpath's folders" : paths)
                        + " and opening the database in " + dataDir + " ...");
        Handoff handoff = DaemonStartup.start(builder.config());
        context.out().println("Handoff demo: " + handoff.url());
        context.out().println(DaemonStartup.describeSuites(handoff));
        List<RunId> runs = new ArrayList<>();
        for (Suite suite : handoff.catalog().suites()) {
            runs.add(handoff.runs()
                    .trigger(suite.name(), RunRequest.of("demo"))
                    .run()
                    .id());
        }
        context.out().println("Running each suite once; a line follows as each run ends.");
        DemoProgress.follow(handoff, runs, context.out());
        return handoff;
    }

    /**
     * The samples' bundle when this class runs from a jar that the build left in {@code
     * handoff-daemon/target}; empty when it runs from a classes folder (Maven, tests) or the
     * bundle is not there.
     */
    private static Optional<Path> samplesBesideJar() {
        try {
            CodeSource source = DemoCommand.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                return Optional.empty();
            }
            Path bundle = location.getParent().resolve(SAMPLES_BUNDLE).normalize();
            if (!Files.isDirectory(bundle)) {
                throw new CliException("the demo's suites are not built: '" + bundle
                        + "' does not exist; build them with ./mvnw -B -q install -DskipTests, or give --suites");
            }
            return Optional.of(bundle);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
