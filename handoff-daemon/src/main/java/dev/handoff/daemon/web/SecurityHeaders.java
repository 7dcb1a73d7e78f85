package dev.handoff.daemon.web;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Locale;

/**
 * The headers every routed response carries, set before any handler runs so that no page can forget
 * them: a strict Content Security Policy (scripts, styles, images and event streams only from the
 * daemon itself, no inline script or style, and no framing by any page, which stops clickjacking),
 * {@code X-Frame-Options: DENY} for browsers without CSP level 2, {@code nosniff}, {@code
 * Referrer-Policy: same-origin} (run and test paths name suites and tests) and, over HTTPS, HSTS.
 *
 * <p>It also honours an HTTP/1.1 client's {@code Connection: close}: Helidon keeps such a
 * connection open after the response (it only says {@code close}), so this filter ends the
 * connection once the response is sent.
 */
final class SecurityHeaders implements Filter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none';"
            + " frame-ancestors 'none'";
    /** A year, the usual HSTS lifetime; without {@code includeSubDomains}: the daemon speaks for its own host only. */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    static final HeaderName FRAME_OPTIONS = HeaderNames.create("X-Frame-Options");
    static final HeaderName CONTENT_TYPE_OPTIONS = HeaderNames.create("X-Content-Type-Options");
    static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        response.header(CSP, CONTENT_SECURITY_POLICY);
        response.header(FRAME_OPTIONS, "DENY");
        response.header(CONTENT_TYPE_OPTIONS, "nosniff");
        response.header(REFERRER_POLICY, "same-origin");
        if (request.isSecure()) {
            response.header(HeaderNames.STRICT_TRANSPORT_SECURITY, STRICT_TRANSPORT_SECURITY);
        }
        if (!asksToClose(request)) {
            chain.proceed();
            return;
        }
        response.header(HeaderValues.CONNECTION_CLOSE);
        chain.proceed();
        if (response.isSent()) {
            // Helidon answers "Connection: close" but then waits for the next request on the connection.
            throw new CloseConnectionException("the client asked to close the connection after its request");
        }
    }

    private static boolean asksToClose(RoutingRequest request) {
        return request.headers().all(HeaderNames.CONNECTION, java.util.List::of).stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .anyMatch(token -> token.strip().toLowerCase(Locale.ROOT).equals("close"));
    }
}
