package dev.handoff.daemon.web;

import dev.handoff.daemon.runner.SuiteCatalog;
import dev.handoff.daemon.runner.SuiteRunner;
import dev.handoff.daemon.store.RunStore;
import io.helidon.webserver.WebServer;
import java.time.Clock;

/** The daemon's Helidon web server: the UI's services and the health check. */
public final class DaemonServer {

    private DaemonServer() {}

    /**
     * Starts serving.
     *
     * @param port 0 picks a free port; {@link WebServer#port()} tells which
     */
    public static WebServer start(String host, int port, SuiteCatalog catalog, SuiteRunner runner, RunStore store, Clock clock) {
        return WebServer.builder()
                .host(host)
                .port(port)
                .routing(routing -> routing.register(
                        new HealthService(),
                        new SuitesService(catalog, store),
                        new RunsService(runner, store, clock)))
                .build()
                .start();
    }
}
