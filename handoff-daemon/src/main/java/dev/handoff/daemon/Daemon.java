package dev.handoff.daemon;

import dev.handoff.daemon.runner.SuiteCatalog;
import dev.handoff.daemon.runner.SuiteRunner;
import dev.handoff.daemon.store.InMemoryRunStore;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.daemon.web.DaemonServer;
import io.helidon.webserver.WebServer;
import java.time.Clock;

/**
 * A running daemon: its suites, its runs, the runner and the web server, wired together. The demo
 * starts one, and tests start one on a free port and talk HTTP to it.
 */
public final class Daemon implements AutoCloseable {

    private final SuiteCatalog catalog;
    private final RunStore store;
    private final SuiteRunner runner;
    private final WebServer server;

    private Daemon(SuiteCatalog catalog, RunStore store, SuiteRunner runner, WebServer server) {
        this.catalog = catalog;
        this.store = store;
        this.runner = runner;
        this.server = server;
    }

    /**
     * Starts a daemon that keeps its runs in memory.
     *
     * @param host the address to listen on, such as {@code 127.0.0.1} or {@code 0.0.0.0}
     * @param port 0 picks a free port; {@link #port()} tells which
     */
    public static Daemon start(SuiteCatalog catalog, String host, int port) {
        Clock clock = Clock.systemUTC();
        RunStore store = new InMemoryRunStore();
        SuiteRunner runner = new SuiteRunner(catalog, store, clock);
        return new Daemon(catalog, store, runner, DaemonServer.start(host, port, catalog, runner, store, clock));
    }

    public int port() {
        return server.port();
    }

    public SuiteCatalog catalog() {
        return catalog;
    }

    public RunStore store() {
        return store;
    }

    public SuiteRunner runner() {
        return runner;
    }

    /** Stops the server, then the runner (interrupting a run in progress). */
    @Override
    public void close() {
        server.stop();
        runner.close();
    }
}
