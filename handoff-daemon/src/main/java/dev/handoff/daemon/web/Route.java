package dev.handoff.daemon.web;

import dev.handoff.daemon.access.Role;
import io.helidon.common.uri.UriPath;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every route of the API: the one table that services register from and that {@code openapi.yaml}
 * is checked against, so that neither can drift from the other.
 */
enum Route {
    HOME(Method.GET, "/"),
    SUITES(Method.GET, "/suites"),
    SUITE(Method.GET, "/suites/{suite}"),
    RUNS(Method.GET, "/suites/{suite}/runs"),
    TRIGGER(Method.POST, "/suites/{suite}/runs"),
    /** The suite's newest run with a ref, result or initiator: before {@link #RUN}, which would take {@code latest} for a number. */
    LATEST_RUN(Method.GET, "/suites/{suite}/runs/latest"),
    RUN(Method.GET, "/suites/{suite}/runs/{run}"),
    RETRY(Method.POST, "/suites/{suite}/runs/{run}/retry"),
    CANCEL(Method.POST, "/suites/{suite}/runs/{run}/cancel"),
    JUNIT_XML(Method.GET, "/suites/{suite}/runs/{run}/junit.xml"),
    /** {@code {+test}} takes the rest of the path: test names such as {@code Nested/method} contain slashes. */
    TEST(Method.GET, "/suites/{suite}/runs/{run}/tests/{+test}"),
    /** The Go project's address of a test's attempts, answered in the shape its client decodes. */
    GO_TEST(Method.GET, "/suites/{suite}/runs/{run}/test/{+test}"),
    /**
     * The Go project's client pointed at {@code http://HOST:PORT/go}: its three calls, answered in
     * the shapes it decodes (a run's {@code tests} is a number there, a list here).
     */
    GO_CLIENT_TRIGGER(Method.POST, "/go/suites/{suite}/runs"),
    GO_CLIENT_RUN(Method.GET, "/go/suites/{suite}/runs/{run}"),
    GO_CLIENT_TEST(Method.GET, "/go/suites/{suite}/runs/{run}/test/{+test}"),
    /** A run's server-sent events, which its page follows while the run goes. */
    RUN_EVENTS(Method.GET, "/suites/{suite}/runs/{run}/events"),
    /** The suite's tests with their stability, the most trouble first. */
    SUITE_TESTS(Method.GET, "/suites/{suite}/tests"),
    /** Quarantines a test: its failures become soft failures ({@code {+test}} then the literal). */
    PUT_QUARANTINE(Method.PUT, "/suites/{suite}/tests/{+test}/quarantine"),
    /** Lifts a test's quarantine. */
    DELETE_QUARANTINE(Method.DELETE, "/suites/{suite}/tests/{+test}/quarantine"),
    /** The test page's quarantine form (a form cannot {@code PUT}). */
    POST_QUARANTINE(Method.POST, "/suites/{suite}/tests/{+test}/quarantine"),
    /** The test page's lift button (a form cannot {@code DELETE}). */
    POST_LIFT_QUARANTINE(Method.POST, "/suites/{suite}/tests/{+test}/quarantine/delete"),
    /** A test's stability and its outcome in each of the suite's recent runs. */
    TEST_HISTORY(Method.GET, "/suites/{suite}/tests/{+test}"),
    SCHEDULES(Method.GET, "/schedules"),
    /** A schedule from the page's form (a form cannot {@code PUT}); the name is a field. */
    POST_SCHEDULE(Method.POST, "/schedules"),
    SCHEDULE(Method.GET, "/schedules/{schedule}"),
    PUT_SCHEDULE(Method.PUT, "/schedules/{schedule}"),
    DELETE_SCHEDULE(Method.DELETE, "/schedules/{schedule}"),
    PAUSE_SCHEDULE(Method.POST, "/schedules/{schedule}/pause"),
    RESUME_SCHEDULE(Method.POST, "/schedules/{schedule}/resume"),
    /** The page's delete button (a form cannot {@code DELETE}). */
    POST_DELETE_SCHEDULE(Method.POST, "/schedules/{schedule}/delete"),
    GATES(Method.GET, "/gates"),
    CREATE_GATE(Method.POST, "/gates"),
    /** Flagger's webhook: its payload mapped to a gate, answered within Flagger's webhook timeout. */
    FLAGGER_GATE(Method.POST, "/gates/flagger"),
    GATE(Method.GET, "/gates/{gate}"),
    /** The pages' style sheet, script and icon, from the jar. */
    ASSET(Method.GET, "/assets/{asset}"),
    HEALTH(Method.GET, "/healthz"),
    READY(Method.GET, "/ready"),
    METRICS(Method.GET, "/metrics"),
    OPENAPI(Method.GET, "/openapi.yaml"),
    LOGIN(Method.GET, "/login"),
    LOGIN_FORM(Method.POST, "/login"),
    LOGOUT(Method.POST, "/logout");

    private final Method method;
    private final String pattern;
    private final PathMatcher matcher;

    Route(Method method, String pattern) {
        this.method = method;
        this.pattern = pattern;
        this.matcher = PathMatchers.create(pattern);
    }

    Method method() {
        return method;
    }

    /** As Helidon matches it. */
    String pattern() {
        return pattern;
    }

    /** As OpenAPI writes it: {@code {+test}} is an ordinary {@code {test}} parameter there. */
    String openApiPath() {
        return pattern.replace("{+", "{");
    }

    /**
     * The role a request needs, once tokens are required: the one place that decides it. Probes
     * and the login form need none; starting, retrying and cancelling runs, making gates (which start runs), and quarantining a test (which decides what fails a run), need {@code trigger};
     * changing schedules needs {@code admin}; every other read (pages, {@code /metrics}, {@code
     * /openapi.yaml}) needs {@code read}. A path no route has needs {@code read} to be told so by
     * a GET, and {@code admin} for anything else, so that a route added without a thought here
     * is closed rather than open.
     */
    static Optional<Role> requiredRole(Method method, UriPath path) {
        Method routed = method == Method.HEAD ? Method.GET : method;
        for (Route route : values()) {
            if (route.method.equals(routed) && route.matcher.match(path).accepted()) {
                return route.requiredRole();
            }
        }
        return Optional.of(routed == Method.GET ? Role.READ : Role.ADMIN);
    }

    private Optional<Role> requiredRole() {
        return switch (this) {
            case HEALTH, READY, ASSET, LOGIN, LOGIN_FORM, LOGOUT -> Optional.empty();
            case TRIGGER,
                    RETRY,
                    CANCEL,
                    CREATE_GATE,
                    FLAGGER_GATE,
                    GO_CLIENT_TRIGGER,
                    PUT_QUARANTINE,
                    DELETE_QUARANTINE,
                    POST_QUARANTINE,
                    POST_LIFT_QUARANTINE -> Optional.of(Role.TRIGGER);
            case PUT_SCHEDULE, DELETE_SCHEDULE, PAUSE_SCHEDULE, RESUME_SCHEDULE -> Optional.of(Role.ADMIN);
            default -> Optional.of(method == Method.GET ? Role.READ : Role.ADMIN);
        };
    }

    /**
     * The methods some route answers at this (decoded) path, {@code HEAD} wherever {@code GET} is;
     * empty when no route has it.
     */
    static List<Method> methodsAt(UriPath path) {
        return Arrays.stream(values())
                .filter(route -> route.matcher.match(path).accepted())
                .flatMap(route ->
                        route.method == Method.GET ? Stream.of(Method.GET, Method.HEAD) : Stream.of(route.method))
                .distinct()
                .toList();
    }
}
