package dev.handoff.daemon.web;

import io.helidon.common.uri.UriPath;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import java.util.Arrays;
import java.util.List;

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
    RUN(Method.GET, "/suites/{suite}/runs/{run}"),
    RETRY(Method.POST, "/suites/{suite}/runs/{run}/retry"),
    CANCEL(Method.POST, "/suites/{suite}/runs/{run}/cancel"),
    JUNIT_XML(Method.GET, "/suites/{suite}/runs/{run}/junit.xml"),
    /** {@code {+test}} takes the rest of the path: test names such as {@code Nested/method} contain slashes. */
    TEST(Method.GET, "/suites/{suite}/runs/{run}/tests/{+test}"),
    /** A run's server-sent events, which its page follows while the run goes. */
    RUN_EVENTS(Method.GET, "/suites/{suite}/runs/{run}/events"),
    /** A test's outcome in each of the suite's recent runs. */
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
    /** The pages' style sheet, script and icon, from the jar. */
    ASSET(Method.GET, "/assets/{asset}"),
    HEALTH(Method.GET, "/healthz"),
    READY(Method.GET, "/ready"),
    METRICS(Method.GET, "/metrics"),
    OPENAPI(Method.GET, "/openapi.yaml");

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

    /** The methods some route answers at this (decoded) path; empty when no route has it. */
    static List<Method> methodsAt(UriPath path) {
        return Arrays.stream(values())
                .filter(route -> route.matcher.match(path).accepted())
                .map(Route::method)
                .distinct()
                .toList();
    }
}
