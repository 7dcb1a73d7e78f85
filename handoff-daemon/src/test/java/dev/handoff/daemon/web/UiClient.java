package dev.handoff.daemon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.handoff.daemon.Runs;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** A browser's view of the UI: real HTTP to 127.0.0.1, redirects not followed so tests see them. */
public final class UiClient {

    /** What a page in progress carries. */
    public static final String REFRESH = "<meta http-equiv=\"refresh\" content=\"2\">";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String base;

    public UiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build());
    }

    /** Submits a form without fields, as the Run button does. */
    public HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** Presses a suite's Run button; returns the path of the run's page it redirects to. */
    public String run(String runsPath) {
        HttpResponse<String> response = post(runsPath);
        assertThat(response.statusCode()).as("status of POST %s", runsPath).isEqualTo(303);
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** The page, once it no longer refreshes itself (its run is over). */
    public String awaitFinishedPage(String path) {
        Instant deadline = Instant.now().plus(Runs.PATIENCE);
        while (true) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as("status of GET %s", path).isEqualTo(200);
            if (!response.body().contains(REFRESH)) {
                return response.body();
            }
            if (Instant.now().isAfter(deadline)) {
                return fail("%s still in progress after %s:%n%s", path, Runs.PATIENCE, response.body());
            }
            Runs.sleep();
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
