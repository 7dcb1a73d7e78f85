package dev.handoff.daemon.web;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Problem responses for what Helidon refuses before or beside routing, where error handlers do
 * not run: a malformed request line or header, a body over {@link DaemonServer#MAX_DRAINED_BYTES}
 * (Helidon reports that as a bad request with status 413), an internal failure. Helidon passes a
 * message only when it is safe to show.
 */
final class ProblemDirectHandler implements DirectHandler {

    private ProblemDirectHandler() {}

    /** This handler for every kind of event. */
    static DirectHandlers all() {
        ProblemDirectHandler handler = new ProblemDirectHandler();
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(
            TransportRequest request,
            EventType eventType,
            Status defaultStatus,
            ServerResponseHeaders responseHeaders,
            String message) {
        String path = request.path();
        Problem problem = Problem.of(
                defaultStatus, detail(defaultStatus, message), null, path == null || path.isEmpty() ? null : path);
        return TransportResponse.builder()
                .status(defaultStatus)
                .headers(responseHeaders)
                .header(HeaderNames.CONTENT_TYPE, Representation.PROBLEM_JSON.text())
                .header(HeaderNames.CACHE_CONTROL, "no-store")
                .keepAlive(eventType.keepAlive())
                .entity(Json.write(problem))
                .build();
    }

    private static String detail(Status status, String message) {
        if (status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()) {
            return RequestBodies.TOO_LARGE;
        }
        if (status.code() == Status.REQUEST_URI_TOO_LONG_414.code()) {
            return "the request line (method, path and query) is longer than the %d KiB the daemon accepts"
                    .formatted(RequestLimits.MAX_REQUEST_LINE_BYTES / 1024);
        }
        if (status.family() == Status.Family.SERVER_ERROR) {
            return "the daemon failed to answer this request; its log says why";
        }
        if (message == null || message.isBlank() || message.startsWith("Bad request, see server log")) {
            return "the daemon cannot read this request (%s): check its path's percent-encoding, its query and its headers"
                    .formatted(status.reasonPhrase());
        }
        return "the daemon cannot read this request: " + message;
    }
}
