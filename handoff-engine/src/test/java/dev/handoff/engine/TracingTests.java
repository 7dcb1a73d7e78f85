package dev.handoff.engine;

import static dev.handoff.api.HandoffReportEntries.SPAN;
import static dev.handoff.api.HandoffReportEntries.TRACE_ID;
import static dev.handoff.api.HandoffReportEntries.TRACE_SPAN_ID;
import static dev.handoff.engine.EngineRuns.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.handoff.engine.fixtures.PassingSuite;
import dev.handoff.engine.fixtures.TracedSuite;
import dev.handoff.engine.internal.EngineTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class TracingTests {

    private static final String RUN_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String RUN_SPAN = "00f067aa0ba902b7";

    private final List<SpanData> exported = new CopyOnWriteArrayList<>();
    private OpenTelemetrySdk sdk;
    private String key;

    @BeforeEach
    void registerSdk() {
        SpanExporter collecting = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                exported.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(collecting))
                        .build())
                .build();
        key = EngineTracing.register(sdk);
        TracedSuite.SEEN.clear();
    }

    @AfterEach
    void unregister() {
        EngineTracing.unregister(key);
        sdk.close();
    }

    private EngineExecutionResults runTraced(Map<String, String> extra) {
        Map<String, String> configuration = new java.util.HashMap<>(Map.of(
                HandoffTestEngine.TRACER, key,
                HandoffTestEngine.RUN_NUMBER, "7",
                HandoffTestEngine.ENVIRONMENT, "staging"));
        configuration.putAll(extra);
        return EngineRuns.run(configuration, selectClass(TracedSuite.class));
    }

    private List<SpanData> named(String name) {
        return exported.stream().filter(s -> s.getName().equals(name)).toList();
    }

    @Test
    void eachAttemptIsAHandoffTestSpanChildOfTheRunSpanGivenAsTraceparent() {
        runTraced(Map.of(HandoffTestEngine.TRACE_PARENT, "00-" + RUN_TRACE + "-" + RUN_SPAN + "-01"));

        List<SpanData> attempts = named("handoff.test");
        assertThat(attempts).hasSize(3); // callsTheService once, failsFirstAttempt twice
        assertThat(attempts).allSatisfy(span -> {
            assertThat(span.getTraceId()).isEqualTo(RUN_TRACE);
            assertThat(span.getParentSpanId()).isEqualTo(RUN_SPAN);
            assertThat(span.getAttributes().get(AttributeKey.stringKey("handoff.suite")))
                    .isEqualTo("TracedSuite");
            assertThat(span.getAttributes().get(AttributeKey.longKey("handoff.run.number")))
                    .isEqualTo(7L);
            assertThat(span.getAttributes().get(AttributeKey.stringKey("handoff.environment")))
                    .isEqualTo("staging");
        });
        assertThat(attempts)
                .extracting(
                        s -> s.getAttributes().get(AttributeKey.stringKey("handoff.test")),
                        s -> s.getAttributes().get(AttributeKey.longKey("handoff.attempt")),
                        s -> s.getAttributes().get(AttributeKey.stringKey("handoff.result")),
                        s -> s.getAttributes().get(AttributeKey.booleanKey("handoff.flaky")),
                        s -> s.getStatus().getStatusCode())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("callsTheService", 1L, "passed", false, StatusCode.UNSET),
                        org.assertj.core.groups.Tuple.tuple(
                                "failsFirstAttempt", 1L, "retrying", false, StatusCode.ERROR),
                        org.assertj.core.groups.Tuple.tuple("failsFirstAttempt", 2L, "passed", true, StatusCode.UNSET));
        assertThat(named("handoff.run"))
                .as("the daemon's run span is not the engine's to make")
                .isEmpty();
    }

    @Test
    void startSpanMakesChildSpansOfTheAttemptAndStillRecordsThem() {
        var results = runTraced(Map.of(HandoffTestEngine.TRACE_PARENT, "00-" + RUN_TRACE + "-" + RUN_SPAN + "-01"));

        SpanData attempt = named("handoff.test").stream()
                .filter(s -> "callsTheService".equals(s.getAttributes().get(AttributeKey.stringKey("handoff.test"))))
                .findFirst()
                .orElseThrow();
        SpanData checkout = named("checkout").getFirst();
        SpanData pay = named("pay").getFirst();
        assertThat(checkout.getParentSpanId()).isEqualTo(attempt.getSpanId());
        assertThat(pay.getParentSpanId()).isEqualTo(checkout.getSpanId());
        assertThat(checkout.getAttributes().get(AttributeKey.longKey("items"))).isEqualTo(3L);
        assertThat(checkout.getAttributes().get(AttributeKey.booleanKey("express")))
                .isTrue();
        assertThat(checkout.getAttributes().get(AttributeKey.stringKey("order")))
                .isEqualTo("A-1");
        assertThat(pay.getAttributes().get(AttributeKey.doubleKey("amount"))).isEqualTo(12.5);
        assertThat(entries(results, "callsTheService").stream().filter(e -> e.containsKey(SPAN)))
                .as("spans are still published for the recorder")
                .hasSize(2);
    }

    @Test
    void traceHeadersNameTheCurrentSpanAndTheSummaryCarriesTheIds() {
        var results = runTraced(Map.of(HandoffTestEngine.TRACE_PARENT, "00-" + RUN_TRACE + "-" + RUN_SPAN + "-01"));

        SpanData attempt = named("handoff.test").stream()
                .filter(s -> "callsTheService".equals(s.getAttributes().get(AttributeKey.stringKey("handoff.test"))))
                .findFirst()
                .orElseThrow();
        SpanData checkout = named("checkout").getFirst();
        assertThat(TracedSuite.SEEN)
                .containsEntry("attempt traceparent", "00-" + RUN_TRACE + "-" + attempt.getSpanId() + "-01")
                .containsEntry("span traceparent", "00-" + RUN_TRACE + "-" + checkout.getSpanId() + "-01")
                .containsEntry("attempt traceId", RUN_TRACE);
        Map<String, String> summary = entries(results, "callsTheService").stream()
                .filter(e -> e.containsKey(TRACE_ID))
                .findFirst()
                .orElseThrow();
        assertThat(summary).containsEntry(TRACE_ID, RUN_TRACE).containsEntry(TRACE_SPAN_ID, attempt.getSpanId());
    }

    @Test
    void withoutAParentTheSuiteStartsItsOwnRunSpan() {
        runTraced(Map.of());

        SpanData run = named("handoff.run").getFirst();
        assertThat(run.getParentSpanContext().isValid()).isFalse();
        assertThat(named("handoff.test")).hasSize(3).allSatisfy(span -> {
            assertThat(span.getTraceId()).isEqualTo(run.getTraceId());
            assertThat(span.getParentSpanId()).isEqualTo(run.getSpanId());
        });
    }

    @Test
    void withoutOpenTelemetryNothingIsTracedAndTestsRunAsBefore() {
        var results = EngineRuns.run(Map.of(), selectClass(TracedSuite.class), selectClass(PassingSuite.class));

        results.testEvents().assertStatistics(stats -> stats.failed(0));
        assertThat(TracedSuite.SEEN).containsEntry("attempt traceparent", "").containsEntry("attempt traceId", "");
        assertThat(results.allEvents().reportingEntryPublished().stream()
                        .map(e -> e.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                                .getKeyValuePairs())
                        .filter(e -> e.containsKey(TRACE_ID)))
                .isEmpty();
        assertThat(exported).isEmpty();
    }
}
