package dev.handoff.daemon.demo;

import dev.handoff.daemon.Daemon;
import dev.handoff.daemon.runner.Suite;
import dev.handoff.daemon.runner.SuiteCatalog;
import java.io.PrintStream;
import java.util.stream.Collectors;

/**
 * The README's demo: serves the UI for every {@code @HandoffSuite} in the classpath's directories
 * (the samples' compiled suites) and runs each of them once, one after another, so that the first
 * page already has results. Stop it with Ctrl-C.
 */
public final class DemoMain {

    private DemoMain() {}

    public static void main(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        start(options, System.out);
    }

    /** Starts the daemon, says where it listens, and queues one run of every suite. */
    static Daemon start(DemoOptions options, PrintStream out) {
        SuiteCatalog catalog = SuiteCatalog.fromClasspathDirectories();
        Daemon daemon = Daemon.start(catalog, options.host(), options.port());
        String host = options.host().equals("0.0.0.0") ? "127.0.0.1" : options.host();
        out.println("Handoff demo: http://" + host + ":" + daemon.port() + "/");
        if (catalog.suites().isEmpty()) {
            out.println("No @HandoffSuite classes found in the classpath's directories.");
        } else {
            out.println("Running each suite once: " + catalog.suites().stream().map(Suite::name).collect(Collectors.joining(", ")));
        }
        catalog.suites().forEach(suite -> daemon.runner().trigger(suite.name()));
        return daemon;
    }
}
