package dev.handoff.daemon.web;

import dev.handoff.daemon.access.Access;
import dev.handoff.daemon.access.Caller;
import dev.handoff.daemon.access.LoginSessions;
import dev.handoff.daemon.access.Role;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * Access control for every request, before any route sees it, so that no handler or page has to
 * think about it:
 * <ol>
 *   <li>A state-changing request from another site is refused (403), whatever its credentials:
 *       {@code Sec-Fetch-Site} must be {@code same-origin} or {@code none}, or else {@code Origin}
 *       must be this daemon's own. Requests carrying neither header do not come from a browser
 *       and pass; nor do requests with a bearer token, which a browser never adds by itself.</li>
 *   <li>The role the route needs ({@link Route#requiredRole}) is met by the credentials: a bearer
 *       token, else the login cookie's session, else a verified client certificate. Without credentials a
 *       browser asking for a page is sent to the login form; anyone else gets 401 with {@code
 *       WWW-Authenticate: Bearer}. Credentials with too weak a role get 403.</li>
 * </ol>
 * The caller it authenticated is registered in the request's context (triggers keep its name) and,
 * for a state-changing request, logged with the method and path; every refusal (401, 403) is
 * logged too, without the credentials.
 */
final class AccessFilter implements Filter {

    private static final System.Logger LOG = System.getLogger(AccessFilter.class.getName());
    static final HeaderName SEC_FETCH_SITE = HeaderNames.create("Sec-Fetch-Site");
    private static final String BEARER = "bearer ";
    private static final String CHALLENGE = "Bearer realm=\"handoff\"";

    private final Access access;
    private final Clock clock;

    AccessFilter(Access access, Clock clock) {
        this.access = access;
        this.clock = clock;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Method method = request.prologue().method();
        Optional<String> bearer = bearer(request);
        if (!isSafe(method) && bearer.isEmpty() && isCrossSite(request)) {
            refuse(
                    request,
                    response,
                    Status.FORBIDDEN_403,
                    "this daemon takes no %s from another site's page (cross-site request refused)"
                            .formatted(method.text()),
                    "Origin");
            return;
        }
        Optional<Role> needed = Route.requiredRole(method, request.prologue().uriPath());
        if (needed.isEmpty() || access.allowsAnonymous(needed.get())) {
            chain.proceed();
            return;
        }
        Optional<Caller> caller;
        if (bearer.isPresent()) {
            caller = access.tokens().authenticate(bearer.get());
            if (caller.isEmpty()) {
                response.header(HeaderNames.WWW_AUTHENTICATE, CHALLENGE + ", error=\"invalid_token\"");
                refuse(
                        request,
                        response,
                        Status.UNAUTHORIZED_401,
                        "the bearer token is not one of this daemon's API tokens",
                        "Authorization");
                return;
            }
        } else {
            caller = sessionCaller(request, response).or(() -> certificateCaller(request));
        }
        if (caller.isEmpty()) {
            unauthenticated(request, response, method, needed.get());
            return;
        }
        if (!caller.get().role().covers(needed.get())) {
            refuse(
                    request,
                    response,
                    Status.FORBIDDEN_403,
                    "%s %s needs role %s; '%s' has role %s"
                            .formatted(
                                    method.text(),
                                    request.prologue().uriPath().rawPath(),
                                    needed.get().label(),
                                    caller.get().name(),
                                    caller.get().role().label()),
                    "Authorization");
            return;
        }
        request.context().register(caller.get());
        if (!isSafe(method)) {
            // Who changed what, for the audit trail: names and roles only, never a token.
            LOG.log(
                    System.Logger.Level.INFO,
                    () -> "%s %s by '%s' (role %s)"
                            .formatted(
                                    method.text(),
                                    RequestLimits.shortened(
                                            request.prologue().uriPath().rawPath()),
                                    caller.get().name(),
                                    caller.get().role().label()));
        }
        chain.proceed();
    }

    private void unauthenticated(RoutingRequest request, RoutingResponse response, Method method, Role needed) {
        if ((method == Method.GET || method == Method.HEAD) && Representation.prefersHtml(request)) {
            String raw = request.prologue().uriPath().rawPath();
            String query = request.prologue().query().rawValue();
            LoginService.redirectToLogin(response, query.isEmpty() ? raw : raw + "?" + query);
            return;
        }
        response.header(HeaderNames.WWW_AUTHENTICATE, CHALLENGE);
        refuse(
                request,
                response,
                Status.UNAUTHORIZED_401,
                "%s %s needs an API token with role %s: send Authorization: Bearer TOKEN"
                        .formatted(method.text(), request.prologue().uriPath().rawPath(), needed.label()),
                "Authorization");
    }

    /**
     * The caller of the browser's login session; a session used after a while lives on, and its
     * cookie is sent again with the new lifetime.
     */
    private Optional<Caller> sessionCaller(RoutingRequest request, RoutingResponse response) {
        Optional<String> id = LoginService.cookieSession(request);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<LoginSessions.Session> session = access.sessions().use(id.get(), clock.instant());
        if (session.isEmpty()) {
            return Optional.empty();
        }
        if (session.get().extended()) {
            response.header(
                    HeaderNames.SET_COOKIE,
                    LoginService.cookie(id.get(), LoginService.COOKIE_LIFETIME, request.isSecure()));
        }
        return access.tokens().authenticateHash(session.get().tokenHash());
    }

    private Optional<Caller> certificateCaller(ServerRequest request) {
        if (access.certificates().isEmpty() || !request.isSecure()) {
            return Optional.empty();
        }
        Optional<Certificate[]> chain = request.remotePeer().tlsCertificates();
        if (chain.isEmpty() || chain.get().length == 0 || !(chain.get()[0] instanceof X509Certificate certificate)) {
            return Optional.empty();
        }
        return access.certificates().authenticate(certificate.getSubjectX500Principal());
    }

    /**
     * Logs a refused request: method, path, status, reason and the peer's address, for whoever
     * watches for guessing. Reasons name tokens by name only, never by value.
     */
    static void logRefusal(ServerRequest request, Status status, String reason) {
        LOG.log(
                System.Logger.Level.INFO,
                () -> "refused %s %s from %s: %d %s"
                        .formatted(
                                request.prologue().method().text(),
                                RequestLimits.shortened(
                                        request.prologue().uriPath().rawPath()),
                                request.remotePeer().host(),
                                status.code(),
                                reason));
    }

    static boolean isSafe(Method method) {
        return method == Method.GET || method == Method.HEAD || method == Method.OPTIONS;
    }

    /** The token of {@code Authorization: Bearer TOKEN}; empty without one. */
    static Optional<String> bearer(ServerRequest request) {
        return request.headers()
                .first(HeaderNames.AUTHORIZATION)
                .filter(value -> value.length() > BEARER.length()
                        && value.substring(0, BEARER.length())
                                .toLowerCase(Locale.ROOT)
                                .equals(BEARER))
                .map(value -> value.substring(BEARER.length()).strip());
    }

    /**
     * Whether a browser says the request comes from another site's page. Browsers send {@code
     * Sec-Fetch-Site} on every request since 2023 and {@code Origin} on every cross-origin POST
     * before that; scripts and the CLI send neither.
     */
    static boolean isCrossSite(ServerRequest request) {
        Optional<String> site = request.headers().first(SEC_FETCH_SITE);
        if (site.isPresent()) {
            String value = site.get().strip().toLowerCase(Locale.ROOT);
            return !value.equals("same-origin") && !value.equals("none");
        }
        Optional<String> origin = request.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            return false;
        }
        Optional<String> host = request.headers().first(HeaderNames.HOST);
        try {
            URI uri = URI.create(origin.get().strip());
            String scheme = request.isSecure() ? "https" : "http";
            return host.isEmpty()
                    || !scheme.equalsIgnoreCase(uri.getScheme())
                    || !host.get().strip().equalsIgnoreCase(uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static void refuse(
            RoutingRequest request, RoutingResponse response, Status status, String detail, String parameter) {
        logRefusal(request, status, detail);
        Representation.problem(
                request,
                response,
                Problem.of(
                        status, detail, parameter, request.prologue().uriPath().rawPath()));
    }
}
