package dev.handoff.daemon.web;

import io.helidon.common.uri.UriValidator;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sizes a request may have, each refused with a problem that names the limit. A body that
 * declares a length over {@link DaemonServer#MAX_PAYLOAD_BYTES} is refused here, a chunked one as it
 * is read ({@link RequestBodies}); Helidon itself reads at most {@link
 * DaemonServer#MAX_DRAINED_BYTES}. The request line ({@value #MAX_REQUEST_LINE_BYTES} bytes) and
 * the headers (a hard {@value #MAX_HEADERS_READ_BYTES} bytes) are bounded by Helidon as it reads
 * them, before routing ({@link ProblemDirectHandler} words its refusals); the path, the query and
 * the headers are bounded here, tighter, because Helidon's refusal of large headers does not say
 * what was too large.
 */
final class RequestLimits implements Filter {

    /** All headers together (names and values): a bearer token and a browser's usual headers take under 2 KiB. */
    static final int MAX_HEADERS_BYTES = 8 * 1024;
    /** What Helidon reads at most (its default): beyond it, a plain 400. */
    static final int MAX_HEADERS_READ_BYTES = 16 * 1024;
    /** Method, path, query and protocol (Helidon's default). */
    static final int MAX_REQUEST_LINE_BYTES = 4 * 1024;
    /** Percent-encoded: suite names are at most 200 characters; a test's page needs its name in the path. */
    static final int MAX_PATH_LENGTH = 3072;
    /** Percent-encoded: long filters and parameters belong in a JSON body, which takes 64 KiB. */
    static final int MAX_QUERY_LENGTH = 2048;

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.prologue().uriPath().rawPath();
        String query = request.prologue().query().rawValue();
        if (path.length() > MAX_PATH_LENGTH) {
            refuse(
                    request,
                    response,
                    "the path is %d characters long; the daemon takes at most %d"
                            .formatted(path.length(), MAX_PATH_LENGTH),
                    "path");
        } else if (query.length() > MAX_QUERY_LENGTH) {
            refuse(
                    request,
                    response,
                    "the query is %d characters long; the daemon takes at most %d"
                            .formatted(query.length(), MAX_QUERY_LENGTH),
                    "query");
        } else if (unreadable(query).isPresent()) {
            Representation.problem(
                    request,
                    response,
                    Problem.of(
                            Status.BAD_REQUEST_400,
                            "the query cannot be read: " + unreadable(query).get(),
                            "query",
                            shortened(request.prologue().uriPath().rawPath())));
        } else if (headersSize(request) > MAX_HEADERS_BYTES) {
            Representation.problem(
                    request,
                    response,
                    Problem.of(
                            Status.create(431, "Request Header Fields Too Large"),
                            "the request's headers are larger than the %d KiB the daemon accepts"
                                    .formatted(MAX_HEADERS_BYTES / 1024),
                            "headers",
                            shortened(request.prologue().uriPath().rawPath())));
        } else if (declaredBodyLength(request) > DaemonServer.MAX_PAYLOAD_BYTES) {
            // Helidon reads and drops the unread body after this answer (up to MAX_DRAINED_BYTES), so
            // the client gets the 413 instead of a reset connection while it is still sending.
            Representation.problem(
                    request,
                    response,
                    Problem.of(
                            Status.REQUEST_ENTITY_TOO_LARGE_413,
                            RequestBodies.TOO_LARGE,
                            "body",
                            shortened(request.prologue().uriPath().rawPath())));
        } else {
            chain.proceed();
        }
    }

    private static long declaredBodyLength(RoutingRequest request) {
        return request.headers().contentLength().orElse(0);
    }

    /**
     * Why a raw query is not RFC 3986 (Helidon's own check, which the server runs without: see
     * {@link DaemonServer}), except for the characters the Go project's client leaves unescaped
     * when it puts a filter's regular expression into the URL ({@code ?filter=a|b}, {@code ^},
     * {@code [}, {@code ]}, {@code \}, ...): those are taken as themselves. A malformed
     * percent-escape is still refused.
     */
    static Optional<String> unreadable(String query) {
        try {
            UriValidator.validateQuery(GO_UNESCAPED.matcher(query).replaceAll("_"));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** What Go's {@code regexp.String()} may hold that RFC 3986 wants escaped in a query. */
    private static final Pattern GO_UNESCAPED = Pattern.compile("[|^\\[\\]{}\\\\`\"<>]");

    /** A path as problems and logs show it: at most 200 characters. */
    static String shortened(String path) {
        return path.length() > 200 ? path.substring(0, 200) + "..." : path;
    }

    private static long headersSize(RoutingRequest request) {
        long size = 0;
        for (var header : request.headers()) {
            size += header.name().length() + 2;
            for (String value : header.allValues()) {
                size += value.length() + 2;
            }
        }
        return size;
    }

    private static void refuse(RoutingRequest request, RoutingResponse response, String detail, String parameter) {
        Representation.problem(
                request,
                response,
                Problem.of(
                        Status.REQUEST_URI_TOO_LONG_414,
                        detail,
                        parameter,
                        shortened(request.prologue().uriPath().rawPath())));
    }
}
