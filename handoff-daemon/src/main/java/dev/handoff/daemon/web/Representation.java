package dev.handoff.daemon.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * The one place that chooses how a resource is written for a request. Every resource is JSON for
 * now; the web UI will serve HTML on the same URLs by choosing here, from the request's {@code
 * Accept} header, without handlers changing: they pass the resource (a {@link Views} record), not
 * its bytes.
 *
 * <p>Nothing is cached ({@code Cache-Control: no-store}): runs change while they are watched, and
 * every suite shows its latest run.
 */
final class Representation {

    static final HttpMediaType JSON = HttpMediaType.create("application/json").withCharset(StandardCharsets.UTF_8);
    static final HttpMediaType PROBLEM_JSON = HttpMediaType.create("application/problem+json").withCharset(StandardCharsets.UTF_8);

    private Representation() {}

    static void send(ServerRequest request, ServerResponse response, Status status, Object resource) {
        write(response, status, JSON, Json.write(resource));
    }

    static void problem(ServerRequest request, ServerResponse response, Problem problem) {
        write(response, Status.create(problem.status()), PROBLEM_JSON, Json.write(problem));
    }

    private static void write(ServerResponse response, Status status, HttpMediaType type, byte[] body) {
        response.status(status);
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.headers().contentType(type);
        response.send(body);
    }
}
