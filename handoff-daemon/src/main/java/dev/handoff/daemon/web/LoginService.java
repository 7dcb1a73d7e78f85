package dev.handoff.daemon.web;

import dev.handoff.daemon.access.ApiTokens;
import dev.handoff.daemon.access.Caller;
import dev.handoff.daemon.access.LoginSessions;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The browser's way in once tokens are required: {@code GET /login} asks for a token once, {@code
 * POST /login} checks it, opens a login session ({@link LoginSessions}: a new random id at every
 * login, the browser's previous session ended) and keeps the session's id, never the token, in a
 * cookie that scripts cannot read ({@code HttpOnly}) and that no other site's page sends along
 * ({@code SameSite=Strict}; {@code Secure} over HTTPS); {@code POST /logout} ends the session.
 * {@link AccessFilter} reads the cookie on every request.
 */
final class LoginService implements ApiService {

    static final String COOKIE = "handoff_session";
    static final Duration COOKIE_LIFETIME = LoginSessions.IDLE_LIFETIME;
    static final String LOGIN_PATH = "/login";

    private final ApiContext context;

    LoginService(ApiContext context) {
        this.context = context;
    }

    @Override
    public Map<Route, Handler> handlers() {
        Map<Route, Handler> handlers = new LinkedHashMap<>();
        handlers.put(Route.LOGIN, this::form);
        handlers.put(Route.LOGIN_FORM, this::login);
        handlers.put(Route.LOGOUT, this::logout);
        return handlers;
    }

    /** The session id in the login cookie; empty without one. */
    static Optional<String> cookieSession(ServerRequest request) {
        try {
            return request.headers().cookies().first(COOKIE).asOptional().filter(value -> !value.isEmpty());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Sends a browser to the login form, to come back to {@code next} afterwards. */
    static void redirectToLogin(RoutingResponse response, String next) {
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.header(HeaderNames.LOCATION, LOGIN_PATH + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        response.status(Status.SEE_OTHER_303);
        response.send();
    }

    private void form(ServerRequest request, ServerResponse response) {
        String next = localPath(Params.first(request.query(), "next").orElse("/"));
        page(
                response,
                Status.OK_200,
                LoginPage.render(next, null, context.access().isOpen()));
    }

    private void login(ServerRequest request, ServerResponse response) {
        Map<String, String> fields = form(request);
        String next = localPath(fields.getOrDefault("next", "/"));
        Optional<Caller> caller = Optional.ofNullable(fields.get("token"))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .flatMap(token -> context.access().tokens().authenticate(token));
        if (caller.isEmpty()) {
            String detail = "that token is not one of this daemon's API tokens";
            AccessFilter.logRefusal(request, Status.UNAUTHORIZED_401, detail);
            if (Representation.prefersHtml(request)) {
                page(
                        response,
                        Status.UNAUTHORIZED_401,
                        LoginPage.render(next, detail, context.access().isOpen()));
            } else {
                throw new ProblemException(Status.UNAUTHORIZED_401, detail, "token");
            }
            return;
        }
        LoginSessions sessions = context.access().sessions();
        cookieSession(request).ifPresent(sessions::end);
        String session = sessions.open(
                ApiTokens.hash(fields.get("token").strip()), context.clock().instant());
        response.header(HeaderNames.SET_COOKIE, cookie(session, COOKIE_LIFETIME, request.isSecure()));
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.header(HeaderNames.LOCATION, next);
        response.status(Status.SEE_OTHER_303);
        response.send();
    }

    private void logout(ServerRequest request, ServerResponse response) {
        cookieSession(request).ifPresent(context.access().sessions()::end);
        response.header(HeaderNames.SET_COOKIE, cookie("", Duration.ZERO, request.isSecure()));
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.header(HeaderNames.LOCATION, LOGIN_PATH);
        response.status(Status.SEE_OTHER_303);
        response.send();
    }

    static String cookie(String value, Duration lifetime, boolean secure) {
        return COOKIE + "=" + value + "; Path=/; Max-Age=" + lifetime.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** Only a path of this daemon: a {@code next} of {@code https://evil.example} or {@code //evil.example} becomes {@code /}. */
    static String localPath(String next) {
        if (!next.startsWith("/")
                || next.startsWith("//")
                || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        return next;
    }

    private static Map<String, String> form(ServerRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (!request.content().hasEntity()) {
            return fields;
        }
        String body = new String(RequestBodies.read(request), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            try {
                fields.putIfAbsent(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(
                        Status.BAD_REQUEST_400, "the login form is not URL-encoded: " + e.getMessage(), "body");
            }
        }
        return fields;
    }

    private static void page(ServerResponse response, Status status, String html) {
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.header(HeaderNames.CONTENT_TYPE, Representation.HTML.text());
        response.status(status);
        response.send(html.getBytes(StandardCharsets.UTF_8));
    }
}
