package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Talking to a daemon over HTTP in tests: requests, JSON, and waiting for runs, never for long. */
public final class Daemons {

    public static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Daemons(URI base) {
        this.base = base;
    }

    public record Response(int status, String contentType, String location, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }
    }

    /** A daemon of these suites on a free port of 127.0.0.1, its H2 file in {@code dataDir}: the tests' usual start. */
    public static Handoff.Builder local(Path dataDir, Class<?>... suites) {
        return Handoff.builder().suites(suites).host("127.0.0.1").port(0).dataDir(dataDir);
    }

    /** Builds and starts the daemon, and fails the test unless it gets ready in time. */
    public static Handoff started(Handoff.Builder builder) {
        Handoff handoff = builder.build().start();
        assertThat(handoff.awaitReady(PATIENCE))
                .as("daemon ready within " + PATIENCE)
                .isTrue();
        return handoff;
    }

    public static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** The page a browser gets for this path ({@code Accept: text/html}). */
    public Response page(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Accept", "text/html")
                .GET());
    }

    public Response post(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response postWithKey(String path, String idempotencyKey) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response postJson(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response putJson(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    /** Triggers a run of the suite; returns its number. */
    public long trigger(String suite, String query) {
        Response response = post("/suites/" + segment(suite) + "/runs" + (query.isEmpty() ? "" : "?" + query));
        if (response.status() != 201) {
            return fail("trigger of %s gave %d: %s", suite, response.status(), response.body());
        }
        return response.json().get("number").asLong();
    }

    public JsonNode run(String suite, long number) {
        Response response = get("/suites/" + segment(suite) + "/runs/" + number);
        if (response.status() != 200) {
            return fail("run %s #%d gave %d: %s", suite, number, response.status(), response.body());
        }
        return response.json();
    }

    public JsonNode awaitFinished(String suite, long number) {
        return await(suite, number, run -> !run.get("result").asText().matches("pending|running"), "finished");
    }

    public JsonNode await(String suite, long number, Predicate<JsonNode> condition, String what) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            JsonNode run = run(suite, number);
            if (condition.test(run)) {
                return run;
            }
            if (Instant.now().isAfter(deadline)) {
                return fail("run %s #%d not %s after %s: %s", suite, number, what, PATIENCE, run);
            }
            Runs.sleep();
        }
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
