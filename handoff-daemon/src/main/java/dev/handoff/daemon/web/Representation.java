package dev.handoff.daemon.web;

import dev.handoff.daemon.web.html.Pages;
import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one place that chooses how a resource is written for a request: JSON, or, for a request
 * whose {@code Accept} prefers {@code text/html} to {@code application/json} (a browser), the
 * resource's page. Handlers pass the resource (a {@link Views} record) and how to build its page,
 * never bytes; the page is built only when it is sent. Negotiated responses carry {@code Vary:
 * Accept}, since one URL answers both ways.
 *
 * <p>Nothing is cached ({@code Cache-Control: no-store}): runs change while they are watched, and
 * every suite shows its latest run. The one exception is a finished run's JSON, which changes only
 * on retry ({@link FinishedRunJson}: {@code ETag} and {@code 304}).
 */
final class Representation {

    static final HttpMediaType JSON = HttpMediaType.create("application/json").withCharset(StandardCharsets.UTF_8);
    static final HttpMediaType PROBLEM_JSON =
            HttpMediaType.create("application/problem+json").withCharset(StandardCharsets.UTF_8);
    static final HttpMediaType HTML = HttpMediaType.create(MediaTypes.TEXT_HTML).withCharset(StandardCharsets.UTF_8);

    private Representation() {}

    /** A resource that has no page (the probes): always JSON. */
    static void send(ServerRequest request, ServerResponse response, Status status, Object resource) {
        write(response, status, JSON, Json.write(resource));
    }

    /** A resource as JSON, or as the page that {@code page} builds for a browser. */
    static void send(
            ServerRequest request, ServerResponse response, Status status, Object resource, Supplier<String> page) {
        response.header(HeaderNames.VARY, "Accept");
        if (prefersHtml(request)) {
            page(response, status, page.get());
        } else {
            write(response, status, JSON, Json.write(resource));
        }
    }

    /**
     * As {@link #send(ServerRequest, ServerResponse, Status, Object, Supplier)}, for a resource that
     * costs enough to read that it is read only for the representation sent (the overview page reads
     * more than the JSON list of suites, and the other way round).
     */
    static void negotiate(
            ServerRequest request,
            ServerResponse response,
            Status status,
            Supplier<?> resource,
            Supplier<String> page) {
        response.header(HeaderNames.VARY, "Accept");
        if (prefersHtml(request)) {
            page(response, status, page.get());
        } else {
            write(response, status, JSON, Json.write(resource.get()));
        }
    }

    /**
     * What an action (trigger, retry, cancel) did: the resource under {@code status}, or, for a
     * browser whose form posted it, {@code 303 See Other} to the page that shows the outcome, so
     * that reloading that page does not post the form again.
     */
    static void acted(ServerRequest request, ServerResponse response, Status status, Object resource, String page) {
        response.header(HeaderNames.VARY, "Accept");
        if (!prefersHtml(request)) {
            write(response, status, JSON, Json.write(resource));
            return;
        }
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.header(HeaderNames.LOCATION, page);
        response.status(Status.SEE_OTHER_303);
        response.send();
    }

    /** An RFC 9457 problem, or for a browser a page showing its detail, under the problem's status either way. */
    static void problem(ServerRequest request, ServerResponse given, Problem problem) {
        ServerResponse response = HeadResponse.of(request, given);
        response.header(HeaderNames.VARY, "Accept");
        Status status = Status.create(problem.status());
        if (prefersHtml(request)) {
            page(response, status, Pages.error(problem.status(), problem.title(), problem.detail()));
        } else {
            write(response, status, PROBLEM_JSON, Json.write(problem));
        }
    }

    /**
     * Whether the request's {@code Accept} gives {@code text/html} a higher quality than {@code
     * application/json}, each taking the quality of the most specific range that matches it. A
     * tie is JSON, so that no {@code Accept}, {@code *}{@code /*} and anything unreadable keep
     * getting JSON as API clients always did; so does the odd default of old {@code
     * HttpURLConnection}s, which names {@code text/html} first without being a browser.
     */
    static boolean prefersHtml(ServerRequest request) {
        ServerRequestHeaders headers = request.headers();
        if (!headers.contains(HeaderNames.ACCEPT)) {
            return false;
        }
        if (headers.all(HeaderNames.ACCEPT, List::of).equals(List.of(ServerRequestHeaders.HUC_ACCEPT_DEFAULT.get()))) {
            return false;
        }
        List<HttpMediaType> accepted;
        try {
            accepted = headers.acceptedTypes();
        } catch (RuntimeException e) {
            return false;
        }
        return quality(accepted, MediaTypes.TEXT_HTML) > quality(accepted, MediaTypes.APPLICATION_JSON);
    }

    private static double quality(List<HttpMediaType> accepted, MediaType type) {
        double quality = 0;
        int specificity = -1;
        for (HttpMediaType range : accepted) {
            if (!matches(range, type)) {
                continue;
            }
            int rangeSpecificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
            if (rangeSpecificity > specificity) {
                specificity = rangeSpecificity;
                quality = range.qualityFactor();
            }
        }
        return quality;
    }

    private static boolean matches(HttpMediaType range, MediaType type) {
        return (range.isWildcardType() || range.type().equalsIgnoreCase(type.type()))
                && (range.isWildcardSubtype() || range.subtype().equalsIgnoreCase(type.subtype()));
    }

    /** A page for a browser, whatever its {@code Accept}: what a form that was refused gets back. */
    static void page(ServerResponse response, Status status, String page) {
        response.header(HeaderNames.VARY, "Accept");
        write(response, status, HTML, page.getBytes(StandardCharsets.UTF_8));
    }

    static void write(ServerResponse response, Status status, HttpMediaType type, byte[] body) {
        response.status(status);
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.headers().contentType(type);
        response.send(body);
    }
}
