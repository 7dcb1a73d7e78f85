package dev.handoff.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The benchmarks' client of a daemon's REST API: plain HTTP/1.1 with keep-alive (one connection
 * reused, as a dashboard or CI job polling the daemon would), each call timed from sending the
 * request to having read the whole body.
 */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    ApiClient(URI base) {
        this.base = base;
        // HTTP/1.1 explicitly: the default would offer an h2c upgrade on every new connection.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** One answer and how long it took, request sent to body read. */
    record Answer(int status, byte[] body, long nanos) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("the daemon answered with something that is not JSON: " + text(), e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** @throws IllegalStateException naming the request when the status is not the expected one */
        Answer expect(int expected, String request) {
            if (status != expected) {
                throw new IllegalStateException(
                        request + " answered " + status + " instead of " + expected + ": " + text());
            }
            return this;
        }
    }

    /** @param path relative to the daemon's URL, without a leading slash */
    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** As a browser asks: the page, {@code Accept: text/html}. */
    Answer page(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), "text/html");
    }

    Answer post(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private Answer send(HttpRequest.Builder request) {
        return send(request, "application/json");
    }

    private Answer send(HttpRequest.Builder request, String accept) {
        HttpRequest built =
                request.header("Accept", accept).timeout(Duration.ofSeconds(60)).build();
        try {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body(), System.nanoTime() - start);
        } catch (IOException e) {
            throw new UncheckedIOException(built.method() + " " + built.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + built.method() + " " + built.uri(), e);
        }
    }
}
