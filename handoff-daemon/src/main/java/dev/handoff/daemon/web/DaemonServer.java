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
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's Helidon web server: the REST API's services, the error handling that turns every
 * refusal into an RFC 9457 problem, the headers every response carries ({@link SecurityHeaders}),
 * the names it answers to ({@link HostCheck}), the limits on requests ({@link RequestLimits}),
 * access control ({@link AccessFilter}) and, given certificates, HTTPS.
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

    /**
     * The longest pause in what a client sends (a request line, headers, a body) or before its next
     * request on a kept-alive connection; then the connection is closed. Helidon's default is 30 s.
     */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long a connection may go without completing a request line: it ends kept-alive connections
     * nobody uses and clients that trickle a request line byte by byte (Helidon's default, 5 min,
     * let a few hundred such clients hold a thread each for minutes). Checked every {@link
     * #IDLE_CHECK_PERIOD}.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(20);

    static final Duration IDLE_CHECK_PERIOD = Duration.ofSeconds(5);

    private DaemonServer() {}

    /**
     * Starts listening; returns the started Helidon WebServer.
     *
     * @param port 0 picks a free port; {@link WebServer#port()} tells which
     * @throws IllegalStateException when it cannot listen (Helidon logs the reason and returns a
     *     server that is not running)
     */
    public static WebServer start(String host, int port, ApiContext context) {
        return start(host, port, context, Optional.empty(), AllowedHosts.local());
    }

    /**
     * Starts listening, over HTTPS when given TLS files; returns the started Helidon WebServer.
     *
     * @throws IllegalStateException when it cannot listen
     * @throws IllegalArgumentException when a TLS file cannot be read as PEM
     */
    public static WebServer start(
            String host, int port, ApiContext context, Optional<TlsFiles> tls, AllowedHosts allowedHosts) {
        List<ApiService> services = services(context);
        WebServerConfig.Builder builder = WebServer.builder();
        tls.ifPresent(files -> builder.tls(tls(files)));
        WebServer server = builder.host(host)
                .port(port)
                .maxPayloadSize(MAX_DRAINED_BYTES)
                // Without it, a response over ~20 KB waits for the client's delayed ACK: 40 ms on every page.
                .connectionOptions(options -> options.tcpNoDelay(true).readTimeout(READ_TIMEOUT))
                .idleConnectionTimeout(IDLE_TIMEOUT)
                .idleConnectionPeriod(IDLE_CHECK_PERIOD)
                // Only HTTP/1.1, configured here: a discovered second HTTP/1 provider would make Helidon pick a
                // protocol by the request line, and close unreadable requests without its 400 or 414.
                .protocolsDiscoverServices(false)
                .addProtocol(io.helidon.webserver.http1.Http1Config.builder()
                        // The query is checked by RequestLimits instead, which takes the characters that the
                        // Go project's client leaves unescaped in a filter (?filter=a|b).
                        .validatePrologue(false)
                        .addReceiveListener(new HeaderDeadline())
                        .build())
                .directHandlers(ProblemDirectHandler.all())
                .routing(routing -> {
                    routing.addFilter(new SecurityHeaders());
                    routing.addFilter(new HostCheck(allowedHosts));
                    routing.addFilter(new RequestLimits());
                    routing.addFilter(new AccessFilter(context.access(), context.clock()));
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
                new GoClientService(context),
                new TestsService(context),
                new RunActionsService(context),
                new SchedulesService(context),
                new GatesService(context),
                new RunEventsService(context),
                new AssetsService(),
                new HealthService(context),
                new MetricsService(context),
                new OpenApiService(),
                new LoginService(context));
    }
}
