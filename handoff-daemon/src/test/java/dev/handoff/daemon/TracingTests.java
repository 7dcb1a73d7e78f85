package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.handoff.daemon.fixtures.TracedSuite;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spans of runs reach a real OTLP/HTTP receiver on 127.0.0.1 (a small server decoding {@code
 * ExportTraceServiceRequest} with the OTLP proto classes), the trace id is stored and returned by
 * the API, and the system under test receives the attempt's trace context. With the receiver
 * down, runs are not slowed and the dropped spans are counted.
 */
class TracingTests {

    @TempDir
    Path dataDir;

    private HttpServer receiver;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> resources = new CopyOnWriteArrayList<>();
    private final List<String> traceparents = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody());
            request.getResourceSpansList().forEach(resource -> {
                resources.add(attributes(resource.getResource().getAttributesList()));
                resource.getScopeSpansList().forEach(scope -> spans.addAll(scope.getSpansList()));
            });
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.createContext("/shop", exchange -> {
            traceparents.add(exchange.getRequestHeaders().getFirst("traceparent"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        TracedSuite.service =
                URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/shop");
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort());
    }

    @Test
    void eachAttemptIsASpanOfTheRunsTraceExportedOverOtlpAndLinkedFromTheApi() {
        List<dev.handoff.api.FinishedRun> finished = new CopyOnWriteArrayList<>();
        dev.handoff.api.SuiteRunFinishedListener hook = (run, values) -> finished.add(run);
        try (Handoff handoff = Daemons.started(Daemons.local(dataDir, TracedSuite.class)
                .hook(hook)
                .environment("staging")
                .otlpEndpoint(endpoint())
                .traceUrl("https://grafana.example/explore?trace={traceId}&from={start}"))) {
            Daemons api = new Daemons(handoff.url());
            long number = api.trigger("TracedSuite", "");
            assertThat(api.awaitFinished("TracedSuite", number).get("result").asText())
                    .isEqualTo("passed");

            eventually(() -> assertThat(spans)
                    .extracting(Span::getName)
                    .containsExactlyInAnyOrder("handoff.run", "handoff.test", "place order"));
            Span run = named("handoff.run").getFirst();
            Span attempt = named("handoff.test").getFirst();
            Span placeOrder = named("place order").getFirst();
            assertThat(attempt.getTraceId()).isEqualTo(run.getTraceId());
            assertThat(attempt.getParentSpanId()).isEqualTo(run.getSpanId());
            assertThat(attributes(attempt.getAttributesList()))
                    .containsEntry("handoff.suite", "TracedSuite")
                    .containsEntry("handoff.test", "placesOrder")
                    .containsEntry("handoff.attempt", "1")
                    .containsEntry("handoff.run.number", Long.toString(number))
                    .containsEntry("handoff.environment", "staging")
                    .containsEntry("handoff.result", "passed")
                    .containsEntry("handoff.flaky", "false")
                    .containsEntry("handoff.soft", "false");
            assertThat(attributes(run.getAttributesList())).containsEntry("handoff.result", "passed");
            assertThat(placeOrder.getParentSpanId()).isEqualTo(attempt.getSpanId());
            assertThat(attributes(placeOrder.getAttributesList()))
                    .containsEntry("items", "2")
                    .containsEntry("order", "A-1");
            assertThat(resources).allSatisfy(resource -> assertThat(resource).containsEntry("service.name", "handoff"));

            String traceId = hex(attempt.getTraceId().toByteArray());
            JsonNode stored = api.get("/suites/TracedSuite/runs/" + number + "/tests/placesOrder")
                    .json()
                    .get("attempts")
                    .get(0);
            assertThat(stored.get("traceId").asText()).isEqualTo(traceId);
            assertThat(stored.get("traceSpanId").asText())
                    .isEqualTo(hex(attempt.getSpanId().toByteArray()));
            assertThat(stored.get("traceUrl").asText())
                    .startsWith("https://grafana.example/explore?trace=" + traceId + "&from=");
            assertThat(stored.get("spans"))
                    .as("spans are still stored as before")
                    .hasSize(1);

            assertThat(api.get("/suites/TracedSuite/runs/" + number + "/junit.xml")
                            .body())
                    .as("junit.xml names each testcase's trace")
                    .contains("<property name=\"traceId\" value=\"" + traceId + "\"/>");
            eventually(() -> assertThat(finished).hasSize(1));
            assertThat(finished.getFirst().tests()).singleElement().satisfies(test -> {
                assertThat(test.traceId()).contains(traceId);
                assertThat(test.traceUrl().orElseThrow().toString())
                        .startsWith("https://grafana.example/explore?trace=" + traceId);
            });

            // Flags: sampled (01), plus "random trace id" (02) from SDKs that follow W3C Trace Context level 2.
            assertThat(traceparents)
                    .as("the traceparent the service received continues the attempt's trace, from inside its span")
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .matches("00-" + traceId + "-" + hex(placeOrder.getSpanId().toByteArray()) + "-0[13]");
        }
    }

    @Test
    void aForkedRunsAttemptsAreChildrenOfTheDaemonsRunSpan() {
        try (Handoff handoff = Daemons.started(Daemons.local(dataDir, TracedSuite.class)
                .isolation(dev.handoff.daemon.config.Isolation.FORK)
                .otlpEndpoint(endpoint()))) {
            Daemons api = new Daemons(handoff.url());
            Daemons.Response created = api.postJson(
                    "/suites/TracedSuite/runs", "{\"parameters\": {\"service\": \"" + TracedSuite.service + "\"}}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long number = created.json().get("number").asLong();
            assertThat(api.awaitFinished("TracedSuite", number).get("result").asText())
                    .isEqualTo("passed");

            eventually(() -> assertThat(spans)
                    .extracting(Span::getName)
                    .containsExactlyInAnyOrder("handoff.run", "handoff.test", "place order"));
            Span run = named("handoff.run").getFirst();
            Span attempt = named("handoff.test").getFirst();
            assertThat(attempt.getTraceId()).isEqualTo(run.getTraceId());
            assertThat(attempt.getParentSpanId()).isEqualTo(run.getSpanId());
            String traceId = hex(attempt.getTraceId().toByteArray());
            assertThat(api.get("/suites/TracedSuite/runs/" + number + "/tests/placesOrder")
                            .json()
                            .get("attempts")
                            .get(0)
                            .get("traceId")
                            .asText())
                    .isEqualTo(traceId);
            assertThat(traceparents)
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("00-" + traceId + "-");
        }
    }

    @Test
    void anUnreachableCollectorDoesNotSlowRunsAndTheDroppedSpansAreCounted() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        Duration withCollector;
        try (Handoff handoff = Daemons.started(
                Daemons.local(dataDir.resolve("up"), TracedSuite.class).otlpEndpoint(endpoint()))) {
            withCollector = timedRuns(new Daemons(handoff.url()), 3);
        }
        try (Handoff handoff = Daemons.started(
                Daemons.local(dataDir.resolve("down"), TracedSuite.class).otlpEndpoint(closed))) {
            Daemons api = new Daemons(handoff.url());
            Duration withoutCollector = timedRuns(api, 3);
            System.out.printf(
                    "3 runs: %d ms with the collector up, %d ms with it down%n",
                    withCollector.toMillis(), withoutCollector.toMillis());

            // Spans leave in the background: the runs take as long as with a collector (a generous
            // bound for a loaded machine), not an export timeout's 10 seconds per batch.
            assertThat(withoutCollector)
                    .isLessThan(withCollector.multipliedBy(3).plusSeconds(3));
            eventually(() -> assertThat(dropped(api))
                    .as("handoff_spans_dropped_total")
                    .isGreaterThanOrEqualTo(9.0)); // 3 runs x (run, attempt, place order)
        }
    }

    /** Retries the assertion for up to 30 seconds: spans leave in batches, in the background. */
    private static void eventually(Runnable assertion) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notYet;
                }
            }
        }
    }

    private static Duration timedRuns(Daemons api, int runs) {
        Instant start = Instant.now();
        for (int i = 0; i < runs; i++) {
            long number = api.trigger("TracedSuite", "");
            assertThat(api.awaitFinished("TracedSuite", number).get("result").asText())
                    .isEqualTo("passed");
        }
        return Duration.between(start, Instant.now());
    }

    private static double dropped(Daemons api) {
        return api.get("/metrics")
                .body()
                .lines()
                .filter(line -> line.startsWith("handoff_spans_dropped_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private List<Span> named(String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).toList();
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> switch (kv.getValue()
                .getValueCase()) {
            case STRING_VALUE -> kv.getValue().getStringValue();
            case INT_VALUE -> Long.toString(kv.getValue().getIntValue());
            case BOOL_VALUE -> Boolean.toString(kv.getValue().getBoolValue());
            case DOUBLE_VALUE -> Double.toString(kv.getValue().getDoubleValue());
            default -> kv.getValue().toString();
        }));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
