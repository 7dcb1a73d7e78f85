package dev.handoff.samples;

import dev.handoff.samples.sut.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * What the suites talk to the shop with: the JDK's {@link HttpClient}, JSON in, the raw response
 * out, so that each test asserts on status, headers and body itself.
 */
public final class ShopClient implements AutoCloseable {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public ShopClient(URI base) {
        this.base = base;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public HttpResponse<String> post(String path, Map<String, ?> json) throws IOException, InterruptedException {
        return post(path, json, Map.of());
    }

    /** With extra headers, such as {@code HandoffContext.traceHeaders()}, so the shop joins the test's trace. */
    public HttpResponse<String> post(String path, Map<String, ?> json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(json)));
        headers.forEach(request::setHeader);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        http.close();
    }
}
