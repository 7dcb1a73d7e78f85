package dev.handoff.engine.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apiguardian.api.API;

/**
 * An OpenTelemetry SDK set up as OpenTelemetry's autoconfiguration does (so {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_HEADERS}, {@code OTEL_SERVICE_NAME},
 * {@code OTEL_RESOURCE_ATTRIBUTES} and the {@code OTEL_BSP_*} limits mean what they mean
 * everywhere), with Handoff's defaults and bound:
 *
 * <ul>
 *   <li>an endpoint given by Handoff's own setting wins over the variables; with no endpoint at
 *       all, spans still get ids (tests can still propagate them) but nothing is exported;
 *   <li>service name {@code handoff} unless one is set; only traces, no metrics or logs;
 *   <li>spans are exported in batches in the background; at most the batch processor's queue size
 *       ({@code OTEL_BSP_MAX_QUEUE_SIZE}, 2048) wait or are being sent: beyond that, and whenever
 *       an export fails (collector unreachable, too slow), spans are dropped and counted in {@link
 *       Drops}, never waited for.
 * </ul>
 *
 * <p>Only loaded when the SDK is on the class path.
 */
@API(status = INTERNAL, since = "0.1")
public final class OtlpSetup {

    private OtlpSetup() {}

    /** Spans that were never delivered: the queue was full, or their export failed. */
    public static final class Drops {
        private final LongAdder dropped = new LongAdder();

        public long count() {
            return dropped.sum();
        }

        void add(long spans) {
            dropped.add(spans);
        }
    }

    /**
     * A new SDK; the caller shuts it down. {@code endpoint} is Handoff's setting (null when not
     * set: then the variables decide).
     */
    public static OpenTelemetrySdk create(String endpoint, Drops drops) {
        AtomicInteger pending = new AtomicInteger();
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults(endpoint))
                .addPropertiesCustomizer(config -> endpoint == null
                        ? Map.of()
                        : Map.of("otel.exporter.otlp.endpoint", endpoint, "otel.traces.exporter", "otlp"))
                .addSpanExporterCustomizer((exporter, config) -> new CountingExporter(exporter, pending, drops))
                .addSpanProcessorCustomizer((processor, config) ->
                        new BoundedProcessor(processor, pending, config.getInt("otel.bsp.max.queue.size", 2048), drops))
                // With no exporter the SDK hands out invalid, unrecorded spans; one processor keeps ids coming.
                .addTracerProviderCustomizer((builder, config) -> builder.addSpanProcessor(IdsOnly.INSTANCE))
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
    }

    /**
     * The engine's own SDK (under Surefire, or in a run's child JVM): shut down when the JVM
     * exits, waiting at most 5 seconds for the last spans, and saying how many were lost.
     */
    static OpenTelemetry forEngine(String endpoint) {
        Drops drops = new Drops();
        OpenTelemetrySdk sdk = create(endpoint, drops);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            sdk.shutdown().join(5, TimeUnit.SECONDS);
                            if (drops.count() > 0) {
                                System.err.println("handoff: " + drops.count()
                                        + " span(s) could not be exported (collector unreachable or too slow)");
                            }
                        },
                        "handoff-otel-shutdown"));
        return sdk;
    }

    private static Map<String, String> defaults(String endpoint) {
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.service.name", "handoff");
        // HTTP/protobuf, which the JDK's HttpClient sends; gRPC would need OkHttp or grpc-java.
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        defaults.put("otel.metrics.exporter", "none");
        defaults.put("otel.logs.exporter", "none");
        defaults.put(
                "otel.traces.exporter", endpoint != null || EngineTracing.endpointInEnvironment() ? "otlp" : "none");
        // A test run ends minutes after its first span, not hours: a short delay shows a run's spans while it runs.
        defaults.put("otel.bsp.schedule.delay", "1000");
        return defaults;
    }

    /** Does nothing with spans; its presence makes the SDK give spans real ids when nothing is exported. */
    private enum IdsOnly implements SpanProcessor {
        INSTANCE;

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {}

        @Override
        public boolean isEndRequired() {
            return false;
        }
    }

    /** Counts the spans of failed exports, and tells the processor when a batch is off its hands. */
    private record CountingExporter(SpanExporter delegate, AtomicInteger pending, Drops drops) implements SpanExporter {

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            int size = spans.size();
            CompletableResultCode result;
            try {
                result = delegate.export(spans);
            } catch (RuntimeException failed) {
                result = CompletableResultCode.ofFailure();
            }
            CompletableResultCode done = result;
            done.whenComplete(() -> {
                pending.addAndGet(-size);
                if (!done.isSuccess()) {
                    drops.add(size);
                }
            });
            return done;
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }

    /**
     * Keeps at most {@code limit} spans queued or in export, so the batch processor never drops
     * one unseen: a span beyond the bound is counted and dropped here.
     */
    private record BoundedProcessor(SpanProcessor delegate, AtomicInteger pending, int limit, Drops drops)
            implements SpanProcessor {

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
            delegate.onStart(parentContext, span);
        }

        @Override
        public boolean isStartRequired() {
            return delegate.isStartRequired();
        }

        @Override
        public void onEnd(ReadableSpan span) {
            if (!span.getSpanContext().isSampled()) {
                return;
            }
            if (pending.incrementAndGet() > limit) {
                pending.decrementAndGet();
                drops.add(1);
                return;
            }
            delegate.onEnd(span);
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }

        @Override
        public CompletableResultCode forceFlush() {
            return delegate.forceFlush();
        }
    }
}
