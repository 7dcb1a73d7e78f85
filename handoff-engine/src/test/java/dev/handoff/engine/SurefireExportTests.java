package dev.handoff.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.sun.net.httpserver.HttpServer;
import dev.handoff.engine.fixtures.TracedSuite;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Under Surefire (no daemon), {@code handoff.otlp.endpoint} makes the engine set up its own SDK
 * and export the same spans to a real OTLP/HTTP receiver: a {@code handoff.run} span per suite
 * and a {@code handoff.test} span per attempt below it.
 */
class SurefireExportTests {

    private HttpServer receiver;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            ExportTraceServiceRequest.parseFrom(exchange.getRequestBody())
                    .getResourceSpansList()
                    .forEach(resource ->
                            resource.getScopeSpansList().forEach(scope -> spans.addAll(scope.getSpansList())));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void anEndpointParameterExportsTheRunAndAttemptSpans() throws InterruptedException {
        String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort();

        EngineRuns.run(Map.of(HandoffTestEngine.OTLP_ENDPOINT, endpoint), selectClass(TracedSuite.class))
                .testEvents()
                .assertStatistics(stats -> stats.failed(0));

        Instant deadline = Instant.now().plusSeconds(30);
        while (spans.stream().filter(s -> s.getName().equals("handoff.test")).count() < 3
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Span run = spans.stream()
                .filter(s -> s.getName().equals("handoff.run"))
                .findFirst()
                .orElseThrow();
        List<Span> attempts =
                spans.stream().filter(s -> s.getName().equals("handoff.test")).toList();
        assertThat(attempts).hasSize(3).allSatisfy(attempt -> {
            assertThat(attempt.getTraceId()).isEqualTo(run.getTraceId());
            assertThat(attempt.getParentSpanId()).isEqualTo(run.getSpanId());
        });
        assertThat(spans).extracting(Span::getName).contains("checkout", "pay");
    }
}
