package dev.handoff.daemon.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.handoff.daemon.model.RunDetail;
import dev.handoff.daemon.model.RunId;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The JSON of finished runs, written once: a finished run's JSON depends on nothing but the run
 * (its duration is fixed once it ended), and the store hands out the same {@link RunDetail} for as
 * long as the run is unchanged (see the store's {@code CachedRunStore}), so the bytes written for
 * that instance are sent again as they are. They carry an {@code ETag}, and a request whose {@code
 * If-None-Match} names it gets {@code 304 Not Modified} without them. A run still pending or running
 * is written anew each time, {@code no-store} as before.
 *
 * <p>Bounded by the bytes kept; what falls out is written again when asked for.
 */
final class FinishedRunJson {

    static final long MAX_BYTES = 32L * 1024 * 1024;
    /**
     * Kept by a client or a proxy only to ask again ({@code no-cache}: revalidate before every use),
     * and {@code private}: with access control on, what one caller may read is not for a shared cache.
     */
    static final String CACHE_CONTROL = "private, no-cache";

    private record Written(RunDetail detail, byte[] json, String etag) {}

    private final Cache<RunId, Written> written = Caffeine.newBuilder()
            .executor(Runnable::run)
            .maximumWeight(MAX_BYTES)
            .<RunId, Written>weigher((id, json) -> json.json().length + 128)
            .build();

    /** Sends the run's JSON, or {@code 304} when the request already has it. */
    void send(ServerRequest request, ServerResponse response, RunDetail detail, Instant now) {
        if (!detail.run().result().isFinished()) {
            Representation.write(
                    response, Status.OK_200, Representation.JSON, Json.write(Views.RunDetailView.of(detail, now)));
            return;
        }
        RunId id = detail.run().id();
        Written json = written.getIfPresent(id);
        if (json == null || json.detail() != detail) {
            byte[] bytes = Json.write(Views.RunDetailView.of(detail, now));
            json = new Written(detail, bytes, etag(id, bytes));
            written.put(id, json);
        }
        response.header(HeaderNames.ETAG, json.etag());
        response.header(HeaderNames.CACHE_CONTROL, CACHE_CONTROL);
        if (matches(request, json.etag())) {
            response.status(Status.NOT_MODIFIED_304);
            response.send();
            return;
        }
        response.status(Status.OK_200);
        response.headers().contentType(Representation.JSON);
        response.send(json.json());
    }

    /** A strong tag: the run, and a checksum and the length of its JSON. */
    static String etag(RunId id, byte[] json) {
        CRC32C checksum = new CRC32C();
        checksum.update(json);
        return "\"run-%d-%s-%d\""
                .formatted(id.number(), HexFormat.of().toHexDigits((int) checksum.getValue()), json.length);
    }

    /**
     * Whether {@code If-None-Match} names this tag ({@code *} names any), compared weakly as RFC
     * 9110 says for this header: a {@code W/} prefix is ignored.
     */
    static boolean matches(ServerRequest request, String etag) {
        if (!request.headers().contains(HeaderNames.IF_NONE_MATCH)) {
            return false;
        }
        for (String value : request.headers().all(HeaderNames.IF_NONE_MATCH, List::of)) {
            for (String tag : value.split(",")) {
                String candidate = tag.strip();
                if (candidate.startsWith("W/")) {
                    candidate = candidate.substring(2);
                }
                if (candidate.equals("*") || candidate.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
