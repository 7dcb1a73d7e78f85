package dev.handoff.daemon.web;

import dev.handoff.daemon.config.TlsFiles;
import dev.handoff.daemon.web.html.Notice;
import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.common.tls.TlsConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpService;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's Helidon web server: the REST API's services, the error handling that turns every
 * refusal into an RFC 9457 problem, the limits on requests ({@link RequestLimits}), access control
 * ({@link AccessFilter}) and, given certificates, HTTPS.
 */
public final class DaemonServer {

    /** The largest request body accepted; a run's trigger body is a few hundred bytes. */
    public static final long MAX_PAYLOAD_BYTES = 64 * 1024;
    /**
     * The largest body Helidon reads: what it reads of a refused body, to drop it, so that a client
     * still sending gets its 413 rather than a reset connection. Beyond it Helidon answers 413 at
     * once and closes, and such a client may see only the reset.
     */
    static final long MAX_DRAINED_BYTES = 1024 * 1024;

    private DaemonServer() {}

    /**
     * Starts listening; returns the started Helidon WebServer.
     *
     * @param port 0 picks a free port; {@link WebServer#port()} tells which
     * @throws IllegalStateException when it cannot listen (Helidon logs the reason and returns a
     *     server that is not running)
     */
    public static WebServer start(String host, int port, ApiContext context) {
        return start(host, port, context, Optional.empty());
    }

    /**
     * Starts listening, over HTTPS when given TLS files; returns the started Helidon WebServer.
     *
     * @throws IllegalStateException when it cannot listen
     * @throws IllegalArgumentException when a TLS file cannot be read as PEM
     */
    public static WebServer start(String host, int port, ApiContext context, Optional<TlsFiles> tls) {
        List<ApiService> services = services(context);
        WebServerConfig.Builder builder = WebServer.builder();
        tls.ifPresent(files -> builder.tls(tls(files)));
        WebServer server = builder.host(host)
                .port(port)
                .maxPayloadSize(MAX_DRAINED_BYTES)
                // Without it, a response over ~20 KB waits for the client's delayed ACK: 40 ms on every page.
                .connectionOptions(options -> options.tcpNoDelay(true))
                .directHandlers(ProblemDirectHandler.all())
                .routing(routing -> {
                    routing.addFilter(new RequestLimits());
                    routing.addFilter(new AccessFilter(context.access()));
                    context.access()
                            .openNotice()
                            .ifPresent(notice -> routing.addFilter(
                                    (chain, request, response) -> Notice.during(notice, chain::proceed)));
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

    private static Tls tls(TlsFiles files) {
        Keys server;
        try {
            server = Keys.builder()
                    .pem(pem -> pem.key(Resource.create(files.key())).certChain(Resource.create(files.certificate())))
                    .build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot read the TLS certificate '" + files.certificate() + "' and key '" + files.key()
                            + "' as PEM (the key unencrypted, PKCS#8 'BEGIN PRIVATE KEY'): " + e.getMessage(),
                    e);
        }
        if (server.privateKey().isEmpty() || server.certChain().isEmpty()) {
            throw new IllegalArgumentException("TLS needs a private key in '" + files.key() + "' and a certificate in '"
                    + files.certificate() + "' (PEM)");
        }
        TlsConfig.Builder tls =
                TlsConfig.builder().privateKey(server.privateKey().get()).privateKeyCertChain(server.certChain());
        files.clientCa().ifPresent(ca -> {
            Keys trusted;
            try {
                trusted = Keys.builder()
                        .pem(pem -> pem.certificates(Resource.create(ca)))
                        .build();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "cannot read the TLS client CA '" + ca + "' as PEM certificates: " + e.getMessage(), e);
            }
            if (trusted.certs().isEmpty()) {
                throw new IllegalArgumentException("the TLS client CA file '" + ca + "' holds no certificate");
            }
            tls.trust(trusted.certs()).clientAuth(TlsClientAuth.OPTIONAL);
        });
        return tls.build();
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
                new OpenApiService(),
                new LoginService(context));
    }
}
