package dev.handoff.daemon.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The daemon's REST API as the client commands use it. Answers are JSON trees: the commands read
 * a few fields and write the rest through as it came. Every problem becomes a {@link
 * CliException} in one line: an error response's {@code detail} (application/problem+json), or
 * what went wrong reaching the daemon.
 */
final class DaemonClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";

    /** The variable holding the API token the CLI sends; a variable rather than a flag keeps it out of process lists and shell history. */
    static final String TOKEN_VARIABLE = "HANDOFF_TOKEN";

    private final URI base;
    private final HttpClient http;
    private final Optional<String> token;

    DaemonClient(String url) {
        this(url, Optional.empty());
    }

    /** @param token sent as {@code Authorization: Bearer TOKEN} with every request */
    DaemonClient(String url, Optional<String> token) {
        this.base = baseUri(url);
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        this.token = token.map(String::strip).filter(t -> !t.isEmpty());
    }

    /** A client for the daemon at {@code url}, with the token in {@value #TOKEN_VARIABLE} if set. */
    static DaemonClient fromEnvironment(String url, java.util.Map<String, String> env) {
        return new DaemonClient(url, Optional.ofNullable(env.get(TOKEN_VARIABLE)));
    }

    /** A response's text and, for JSON, its tree. */
    record Answer(String body, JsonNode json) {}

    Answer suites() {
        return json(send(get("suites", JSON_TYPE)));
    }

    Answer schedules() {
        return json(send(get("schedules", JSON_TYPE)));
    }

    /**
     * POST /suites/{suite}/runs with a JSON body {@code {"filter", "ref", "initiatedBy",
     * "parameters"}}: creates a run, or returns the one the idempotency key already got.
     */
    Answer trigger(String suite, JsonNode body, Optional<String> idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(runsPath(suite)))
                .header("Content-Type", JSON_TYPE)
                .header("Accept", JSON_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        idempotencyKey.ifPresent(key -> request.header("Idempotency-Key", key));
        return json(send(request));
    }

    /**
     * POST /gates with a JSON body {@code {"suites", "ref", "filter", "timeout", "parameters",
     * "strict", "initiatedBy"}}: makes a gate, or returns the one the idempotency key already got.
     */
    Answer createGate(JsonNode body, Optional<String> idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("gates"))
                .header("Content-Type", JSON_TYPE)
                .header("Accept", JSON_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        idempotencyKey.ifPresent(key -> request.header("Idempotency-Key", key));
        return json(send(request));
    }

    /**
     * The longest one request waits for a gate's verdict: well within the request timeout, so that
     * a long wait is a series of short polls that each answer in time.
     */
    static final Duration LONGEST_GATE_POLL = Duration.ofSeconds(20);

    /** GET /gates/{id}?wait=...: the gate once its verdict is in, or as it stands when {@code wait} elapsed. */
    Answer gate(long id, Duration wait) {
        long millis = Math.min(wait.toMillis(), LONGEST_GATE_POLL.toMillis());
        return json(send(get("gates/" + id + "?wait=" + Math.max(0, millis) + "ms", JSON_TYPE)));
    }

    /** GET /suites/{suite}/tests: the suite's tests with their stability. */
    Answer tests(String suite, java.util.OptionalInt window) {
        String query = window.isPresent() ? "?window=" + window.getAsInt() : "";
        return json(send(get("suites/" + segment(suite) + "/tests" + query, JSON_TYPE)));
    }

    /** PUT /suites/{suite}/tests/{test}/quarantine with {@code {"reason", "expiresIn"}}. */
    Answer quarantine(String suite, String test, JsonNode body) {
        return json(send(HttpRequest.newBuilder(base.resolve(quarantinePath(suite, test)))
                .header("Content-Type", JSON_TYPE)
                .header("Accept", JSON_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))));
    }

    /** DELETE /suites/{suite}/tests/{test}/quarantine, with the reason for the audit list. */
    void lift(String suite, String test, Optional<String> reason) {
        String query = reason.map(r -> "?reason=" + segment(r)).orElse("");
        send(HttpRequest.newBuilder(base.resolve(quarantinePath(suite, test) + query))
                .header("Accept", JSON_TYPE)
                .DELETE());
    }

    /** A test's name keeps its slashes ({@code Nested/method}): each part is a segment. */
    private static String quarantinePath(String suite, String test) {
        return "suites/" + segment(suite) + "/tests/"
                + java.util.Arrays.stream(test.split("/", -1))
                        .map(DaemonClient::segment)
                        .collect(java.util.stream.Collectors.joining("/"))
                + "/quarantine";
    }

    Answer run(String suite, long number) {
        return json(send(get(runsPath(suite) + "/" + number, JSON_TYPE)));
    }

    String junitXml(String suite, long number) {
        return send(get(runsPath(suite) + "/" + number + "/junit.xml", "application/xml"));
    }

    /** A link the API gave, relative to the daemon or absolute. */
    URI resolve(String link) {
        return base.resolve(link);
    }

    /** GET of a resource whose link the API gave, such as a test's {@code url}, as JSON. */
    Answer follow(String link) {
        return json(send(HttpRequest.newBuilder(resolve(link)).GET().header("Accept", JSON_TYPE)));
    }

    /** Suite names are path segments: a space is {@code %20}, a slash cannot occur. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The daemon serves HTML to browsers: every request says what it takes. */
    private HttpRequest.Builder get(String path, String accept) {
        return HttpRequest.newBuilder(base.resolve(path)).GET().header("Accept", accept);
    }

    private static String runsPath(String suite) {
        return "suites/" + segment(suite) + "/runs";
    }

    private String send(HttpRequest.Builder request) {
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new CliException(
                    "Handoff at " + base + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + "s", e);
        } catch (ConnectException e) {
            throw new Unavailable("cannot reach Handoff at " + base + ": connection refused", e);
        } catch (IOException e) {
            throw new Unavailable("cannot reach Handoff at " + base + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for Handoff at " + base, e);
        }
        if (response.statusCode() == 503) {
            throw new Unavailable(problem(built, response));
        }
        if (response.statusCode() == 401 && token.isEmpty()) {
            throw new CliException(problem(built, response) + "; set " + TOKEN_VARIABLE + " to one of its API tokens");
        }
        if (response.statusCode() == 401) {
            throw new CliException(problem(built, response) + "; check the token in " + TOKEN_VARIABLE);
        }
        if (response.statusCode() / 100 != 2) {
            throw new CliException(problem(built, response));
        }
        return response.body();
    }

    private static String problem(HttpRequest request, HttpResponse<String> response) {
        try {
            JsonNode problem = JSON.readTree(response.body());
            for (String field : new String[] {"detail", "title"}) {
                if (problem != null
                        && problem.path(field).isTextual()
                        && !problem.path(field).asText().isBlank()) {
                    return problem.path(field).asText();
                }
            }
        } catch (JsonProcessingException notJson) {
            // said below, by status
        }
        return "%s %s answered HTTP %d".formatted(request.method(), request.uri(), response.statusCode());
    }

    private Answer json(String body) {
        try {
            return new Answer(body, JSON.readTree(body));
        } catch (JsonProcessingException e) {
            throw new CliException(
                    "Handoff at " + base + " answered something that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static URI baseUri(String url) {
        try {
            URI uri = URI.create(url.endsWith("/") ? url : url + "/");
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new IllegalArgumentException("not http");
            }
            pageAddress(uri).ifPresent(daemon -> {
                throw new CliException(
                        "--url '" + url + "' is a page of the daemon; give the daemon's own address: " + daemon);
            });
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliException(
                    "--url '" + url + "' is not an http:// or https:// address such as http://127.0.0.1:1337/", e);
        }
    }

    /**
     * The daemon's address when {@code uri} is one of its pages copied from a browser ({@code
     * .../suites}, {@code .../schedules/nightly}), whose path requests would otherwise be sent
     * below. A daemon behind a proxy may have a path of its own ({@code https://ci.example/handoff/}).
     */
    static Optional<URI> pageAddress(URI uri) {
        String path = uri.getRawPath();
        for (String page : new String[] {"/suites/", "/schedules/"}) {
            int at = path.indexOf(page);
            if (at >= 0) {
                return Optional.of(uri.resolve(path.substring(0, at + 1)));
            }
        }
        return Optional.empty();
    }

    /**
     * The daemon is not there or is stopping (no connection, 503): a caller that follows a run may
     * wait for it to come back, since the run resumes when it does.
     */
    static final class Unavailable extends CliException {

        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
