package dev.handoff.daemon.web.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Runs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * A browser's view of a daemon: real HTTP with a browser's {@code Accept}, forms posted as
 * browsers post them, redirects not followed so that tests see them.
 */
final class Browser {

    static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String REFRESH = "<meta http-equiv=\"refresh\" content=\"2\">";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    Browser(URI base) {
        this.base = base;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).header("Accept", ACCEPT).GET());
    }

    /** A GET with this {@code Accept}, or none when null. */
    HttpResponse<String> get(String path, String accept) {
        HttpRequest.Builder request = request(path).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request);
    }

    /** Submits a form with these URL-encoded fields (empty for a button alone). */
    HttpResponse<String> post(String path, String form) {
        return post(path, form, ACCEPT);
    }

    /** Submits a form with this {@code Accept}, or none when null. */
    HttpResponse<String> post(String path, String form, String accept) {
        HttpRequest.Builder request =
                request(path).header("Content-Type", FORM).POST(HttpRequest.BodyPublishers.ofString(form));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request);
    }

    /** Submits the form; returns the page it leads to, by its {@code 303 See Other}. */
    String submit(String path, String form) {
        HttpResponse<String> response = post(path, form);
        assertThat(response.statusCode())
                .as("status of POST %s: %s", path, response.body())
                .isEqualTo(303);
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** What a JSON client gets at the path. */
    JsonNode json(String path) {
        HttpResponse<String> response = get(path, "application/json");
        assertThat(response.statusCode())
                .as("status of GET %s: %s", path, response.body())
                .isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits, through the JSON API, until the run at this path finished; returns its result. */
    String awaitFinished(String runPath) {
        return awaitJson(runPath, run -> !run.get("result").asText().matches("pending|running"), "finished")
                .get("result")
                .asText();
    }

    JsonNode awaitJson(String path, Predicate<JsonNode> condition, String what) {
        Instant deadline = Instant.now().plus(Daemons.PATIENCE);
        while (true) {
            JsonNode resource = json(path);
            if (condition.test(resource)) {
                return resource;
            }
            if (Instant.now().isAfter(deadline)) {
                return fail("%s not %s after %s: %s", path, what, Daemons.PATIENCE, resource);
            }
            Runs.sleep();
        }
    }

    /** Reloads the page, as its refresh meta would, until it holds the text. */
    String awaitPage(String path, String text) {
        Instant deadline = Instant.now().plus(Daemons.PATIENCE);
        while (true) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as("status of GET %s", path).isEqualTo(200);
            if (response.body().contains(text)) {
                return response.body();
            }
            if (Instant.now().isAfter(deadline)) {
                return fail("%s lacks %s after %s:%n%s", path, text, Daemons.PATIENCE, response.body());
            }
            Runs.sleep();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(built.method() + " " + built.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
