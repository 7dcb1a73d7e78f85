package dev.handoff.daemon.web;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpService;
import java.util.List;

/**
 * The daemon's Helidon web server: the REST API's services, the error handling that turns every
 * refusal into an RFC 9457 problem, and the limit on request bodies.
 */
public final class DaemonServer {

    /** The largest request body accepted; a run's trigger body is a few hundred bytes. */
    public static final long MAX_PAYLOAD_BYTES = 64 * 1024;

    private DaemonServer() {}

    /**
     * Starts listening; returns the started Helidon WebServer.
     *
     * @param port 0 picks a free port; {@link WebServer#port()} tells which
     * @throws IllegalStateException when it cannot listen (Helidon logs the reason and returns a
     *     server that is not running)
     */
    public static WebServer start(String host, int port, ApiContext context) {
        List<ApiService> services = services(context);
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .maxPayloadSize(MAX_PAYLOAD_BYTES)
                // Without it, a response over ~20 KB waits for the client's delayed ACK: 40 ms on every page.
                .connectionOptions(options -> options.tcpNoDelay(true))
                .directHandlers(ProblemDirectHandler.all())
                .routing(routing -> {
                    routing.register(services.toArray(HttpService[]::new));
                    ErrorMapping.register(routing);
                })
                .build()
                .start();
        if (!server.isRunning() || server.port() < 0) {
            server.stop();
            throw new IllegalStateException("cannot listen on " + host + ":" + port
                    + ": the port is in use, or the address is not one of this machine's");
        }
        return server;
    }

    /** Every resource of the API, in the order their routes are tried. */
    static List<ApiService> services(ApiContext context) {
        return List.of(
                new SuitesService(context),
                new RunsService(context),
                new RunDetailService(context),
                new RunActionsService(context),
                new SchedulesService(context),
                new RunEventsService(context),
                new AssetsService(),
                new HealthService(context),
                new MetricsService(context),
                new OpenApiService());
    }
}
