package dev.handoff.daemon.web;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a request's body, at most {@link DaemonServer#MAX_PAYLOAD_BYTES}. A body that says its
 * length is refused by {@link RequestLimits} before routing; this catches the chunked ones, which
 * say nothing until they are read.
 */
final class RequestBodies {

    private RequestBodies() {}

    /** @throws ProblemException 413, naming {@code body}, when the body is larger than the limit */
    static byte[] read(ServerRequest request) {
        try (InputStream in = request.content().inputStream()) {
            byte[] bytes = in.readNBytes(Math.toIntExact(DaemonServer.MAX_PAYLOAD_BYTES + 1));
            if (bytes.length > DaemonServer.MAX_PAYLOAD_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why a body over the limit is refused, the same whether its length was declared or found. */
    static final String TOO_LARGE = "the request body is larger than the %d KiB the daemon accepts"
            .formatted(DaemonServer.MAX_PAYLOAD_BYTES / 1024);

    private static ProblemException tooLarge() {
        return new ProblemException(Status.REQUEST_ENTITY_TOO_LARGE_413, TOO_LARGE, "body");
    }
}
