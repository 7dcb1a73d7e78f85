package dev.handoff.daemon.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.Span;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A started API server over fakes, with the suites {@code checkout} and {@code search things} (a
 * name with a space), and an HTTP client to talk to it. Time stands still at {@link #NOW}.
 */
final class ApiFixture implements AutoCloseable {

    static final Instant NOW = Instant.parse("2025-01-31T12:00:00Z");
    static final Suite CHECKOUT = new Suite(
            "checkout",
            "com.example.CheckoutSuite",
            "[engine:handoff]/[suite:checkout]",
            "shop",
            "Buying things",
            List.of("smoke", "payments"),
            List.of("pays", "Nested/refunds"),
            3,
            Optional.of(Duration.ofMinutes(5)));
    static final Suite SEARCH = new Suite(
            "search things",
            "com.example.SearchSuite",
            "[engine:handoff]/[suite:search]",
            "",
            "",
            List.of(),
            List.of("finds"),
            1,
            Optional.empty());

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)");

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final SuiteCatalog catalog = SuiteCatalog.of(List.of(CHECKOUT, SEARCH));
    final FakeRunStore store = new FakeRunStore();
    final FakeRunActions actions = new FakeRunActions(catalog, store, clock);
    final AtomicBoolean ready = new AtomicBoolean(true);
    final Map<RunId, String> junitXml = new ConcurrentHashMap<>();
    private final WebServer server;

    ApiFixture() {
        ApiContext context = new ApiContext(
                catalog,
                store,
                actions,
                ready::get,
                () -> "suites are still being discovered",
                id -> Optional.ofNullable(junitXml.get(id)),
                clock,
                NoSchedules.INSTANCE,
                () -> "# no metrics in the API's fixture\n",
                NoGates.INSTANCE,
                dev.handoff.daemon.access.Access.open(),
                new NoStability(catalog));
        server = DaemonServer.start("127.0.0.1", 0, context);
    }

    @Override
    public void close() {
        server.stop();
    }

    int port() {
        return server.port();
    }

    // ---- data

    /** A finished run that ran for 90 seconds, ending 10 seconds before {@link #NOW}. */
    static SuiteRun finishedRun(String suite, long number, RunResult result) {
        return new SuiteRun(
                new RunId(suite, number),
                result,
                RunRequest.of("alice"),
                "staging",
                0,
                NOW.minusSeconds(120),
                Optional.of(NOW.minusSeconds(100)),
                Optional.of(NOW.minusSeconds(10)),
                Optional.empty(),
                new TestCounts(1, 1, 0, 0, 0));
    }

    static SuiteRun runningRun(String suite, long number) {
        return new SuiteRun(
                new RunId(suite, number),
                RunResult.RUNNING,
                RunRequest.of("alice"),
                "staging",
                0,
                NOW.minusSeconds(30),
                Optional.of(NOW.minusSeconds(20)),
                Optional.empty(),
                Optional.empty(),
                TestCounts.NONE);
    }

    static Attempt attempt(String test, int number, AttemptResult result) {
        Instant start = NOW.minusSeconds(60).plusSeconds(number * 5L);
        Optional<Failure> failure = result.isFailure()
                ? Optional.of(new Failure(
                        "expected 200 but was 500",
                        "java.lang.AssertionError: expected 200 but was 500\n\tat Checkout.pays"))
                : Optional.empty();
        Span outer = new Span("1", Optional.empty(), "open cart", start, start.plusMillis(800), Map.of("cart", "42"));
        Span inner = new Span("2", Optional.of("1"), "pay", start.plusMillis(100), start.plusMillis(300), Map.of());
        return new Attempt(
                test,
                number,
                3,
                result,
                false,
                result == AttemptResult.PASSED && number > 1,
                start,
                start.plusMillis(1500),
                failure,
                start + " log opening the cart\n",
                List.of(outer, inner),
                Map.of("orderId", "A-7"));
    }

    // ---- HTTP

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> post(String path) {
        return send(request(path).POST(BodyPublishers.noBody()).build());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json))
                .build());
    }

    HttpResponse<String> post(String path, BodyPublisher body, String... headers) {
        HttpRequest.Builder builder = request(path).POST(body);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    HttpResponse<String> send(String method, String path) {
        return send(request(path).method(method, BodyPublishers.noBody()).build());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends bytes as they are, for requests {@link HttpClient} refuses to build (a malformed path);
     * returns the response's head and, as far as its {@code Content-Length} says, its body.
     */
    String raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int b = in.read();
                if (b < 0) {
                    return head.toString();
                }
                head.append((char) b);
            }
            Matcher length = CONTENT_LENGTH.matcher(head);
            int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
            return head + new String(in.readNBytes(bodyLength), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** Checks that the response is an RFC 9457 problem with this status; returns it. */
    static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(contentType(response)).startsWith("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }
}
