package dev.handoff.daemon.web;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.ServerResponseTrailers;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * The response to a {@code HEAD} request: what the same {@code GET} would answer (status, headers,
 * {@code Content-Length} of the body it would send) without the body. Helidon routes {@code HEAD}
 * only where a route says so and sends whatever a handler writes, so every {@code GET} route is also
 * registered for {@code HEAD} through {@link #handler(Handler)} ({@link ApiService}), and problems
 * (404, 405, a refused token) are written through {@link #of(ServerRequest, ServerResponse)} by
 * {@link Representation#problem}.
 *
 * <p>A streamed body (a run's event stream) has no length: its {@code HEAD} answers once the handler
 * first flushes or closes the stream, with the headers set by then and {@code Content-Length: 0}
 * (Helidon always sends a length or a chunked body, and a chunked body would put bytes on the wire),
 * and then ends the stream by failing the handler's next write as a client that left would.
 */
final class HeadResponse implements ServerResponse {

    private final ServerResponse response;

    private HeadResponse(ServerResponse response) {
        this.response = response;
    }

    /** {@code response} itself, or, for a {@code HEAD} request, a response that sends no body. */
    static ServerResponse of(ServerRequest request, ServerResponse response) {
        if (request.prologue().method() != Method.HEAD || response instanceof HeadResponse) {
            return response;
        }
        return new HeadResponse(response);
    }

    /** A {@code GET} route's handler as the handler of the same route's {@code HEAD}. */
    static Handler handler(Handler get) {
        return (request, response) -> get.handle(request, new HeadResponse(response));
    }

    @Override
    public void send(byte[] bytes) {
        send(bytes, 0, bytes.length);
    }

    @Override
    public void send(byte[] bytes, int position, int length) {
        if (!response.headers().contains(HeaderNames.CONTENT_LENGTH)) {
            response.headers().contentLength(length);
        }
        response.send();
    }

    @Override
    public void send() {
        response.send();
    }

    /** The daemon sends bytes; text is the one other entity a handler might pass. */
    @Override
    public void send(Object entity) {
        switch (entity) {
            case byte[] bytes -> send(bytes);
            case String text -> send(text.getBytes(StandardCharsets.UTF_8));
            default ->
                throw new IllegalArgumentException(
                        "a HEAD response cannot size a " + entity.getClass().getSimpleName() + "; send it as bytes");
        }
    }

    @Override
    public OutputStream outputStream() {
        return new OutputStream() {
            private long length;
            private boolean sent;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int count) throws IOException {
                if (sent) {
                    throw new IOException("a HEAD request gets no body");
                }
                length += count;
            }

            @Override
            public void flush() {
                if (!sent && length > 0) {
                    sent = true;
                    response.send();
                }
            }

            @Override
            public void close() {
                if (!sent) {
                    sent = true;
                    send(new byte[0], 0, Math.toIntExact(Math.min(length, Integer.MAX_VALUE)));
                }
            }
        };
    }

    @Override
    public ServerResponse status(Status status) {
        response.status(status);
        return this;
    }

    @Override
    public Status status() {
        return response.status();
    }

    @Override
    public ServerResponse header(Header header) {
        response.header(header);
        return this;
    }

    @Override
    public boolean isSent() {
        return response.isSent();
    }

    @Override
    public long bytesWritten() {
        return response.bytesWritten();
    }

    @Override
    public ServerResponse whenSent(Runnable listener) {
        response.whenSent(listener);
        return this;
    }

    @Override
    public ServerResponse reroute(String path) {
        response.reroute(path);
        return this;
    }

    @Override
    public ServerResponse reroute(String path, io.helidon.common.uri.UriQuery query) {
        response.reroute(path, query);
        return this;
    }

    @Override
    public ServerResponse next() {
        response.next();
        return this;
    }

    @Override
    public ServerResponseHeaders headers() {
        return response.headers();
    }

    @Override
    public ServerResponseTrailers trailers() {
        return response.trailers();
    }

    @Override
    public void streamResult(String result) {
        response.streamResult(result);
    }

    @Override
    public void streamFilter(UnaryOperator<OutputStream> filter) {
        response.streamFilter(filter);
    }
}
