package dev.handoff.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Requests with any method, headers and body, for tests of access control and limits: {@link
 * Daemons} covers the usual calls only.
 */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient client;

    public Http(URI base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    public Http(URI base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    public record Reply(int status, HttpHeaders headers, String body) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        /** The problem's {@code parameter}, or null. */
        public String parameter() {
            JsonNode parameter = json().get("parameter");
            return parameter == null ? null : parameter.asText();
        }

        @Override
        public String toString() {
            return status + " " + headers.map() + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
        }
    }

    /** {@code headers} as name, value, name, value ...; a null body sends none. */
    public Reply send(String method, String path, String body, String... headers) {
        return sendPublished(
                method,
                path,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
                headers);
    }

    /** Sends {@code body} chunked, without a Content-Length, as a client streaming its body does. */
    public Reply sendChunked(String method, String path, byte[] body, String... headers) {
        return sendPublished(
                method, path, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), headers);
    }

    private Reply sendPublished(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        // Not base.resolve(path): that would remove the dot segments a test sends on purpose.
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Reply post(String path, String... headers) {
        return send("POST", path, null, headers);
    }

    public static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }
}
