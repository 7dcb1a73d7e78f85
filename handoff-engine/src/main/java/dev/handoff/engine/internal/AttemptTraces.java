package dev.handoff.engine.internal;

import static dev.handoff.api.HandoffReportEntries.TRACE_ID;
import static dev.handoff.api.HandoffReportEntries.TRACE_SPAN_ID;

import dev.handoff.api.internal.TraceHandle;
import dev.handoff.engine.HandoffTestEngine;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.UniqueId;

/**
 * The spans of one suite's execution: one {@code handoff.test} span per attempt, child of the
 * run's span. The run's span is the daemon's when it passed one ({@value
 * HandoffTestEngine#TRACE_PARENT}, a W3C {@code traceparent}); otherwise (Surefire) this suite
 * execution starts its own {@code handoff.run} span. Tests reach their attempt's span through
 * {@link #lookup(String)}, which {@code HandoffContext} uses for {@code startSpan} and {@code
 * traceHeaders}.
 */
final class AttemptTraces {

    static final String INSTRUMENTATION = "dev.handoff.engine";

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final Context runContext;
    private final Span ownRunSpan;
    /**
     * False when the run's own span is a no-op one (no OpenTelemetry, no parent trace): every
     * attempt span would be a no-op too, so none is built.
     */
    private final boolean traced;

    private final String suiteName;
    private final long runNumber;
    private final String environment;
    /**
     * The open attempt span of each unit, by the unit's Jupiter unique id: the id itself, as its
     * string form is encoded anew at each {@code toString()}, a cost each test would pay twice.
     */
    private final Map<UniqueId, Handle> attempts = new ConcurrentHashMap<>();

    private AttemptTraces(OpenTelemetry openTelemetry, ConfigurationParameters parameters, String suiteName) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
        this.suiteName = suiteName;
        this.runNumber = parameters
                .get(HandoffTestEngine.RUN_NUMBER)
                .map(String::trim)
                .map(Long::parseLong)
                .orElse(0L);
        this.environment = parameters.get(HandoffTestEngine.ENVIRONMENT).orElse("");
        String traceparent = parameters.get(HandoffTestEngine.TRACE_PARENT).orElse(null);
        if (traceparent != null) {
            this.ownRunSpan = null;
            this.runContext = W3CTraceContextPropagator.getInstance()
                    .extract(Context.root(), Map.of("traceparent", traceparent), MAP_GETTER);
        } else {
            this.ownRunSpan = tracer.spanBuilder("handoff.run")
                    .setNoParent()
                    .setAttribute("handoff.suite", suiteName)
                    .setAttribute("test.suite.name", suiteName)
                    .setAttribute("handoff.run.number", runNumber)
                    .setAttribute("handoff.environment", environment)
                    .startSpan();
            this.runContext = Context.root().with(ownRunSpan);
        }
        this.traced = ownRunSpan == null || ownRunSpan.getSpanContext().isValid();
    }

    static AttemptTraces start(ConfigurationParameters parameters, String suiteName) {
        return new AttemptTraces(EngineTracing.openTelemetry(parameters), parameters, suiteName);
    }

    /** Starts the span of the unit's current attempt. */
    void attemptStarted(Unit unit) {
        if (!traced) {
            return;
        }
        Span span = tracer.spanBuilder("handoff.test")
                .setParent(runContext)
                .setAttribute("handoff.suite", suiteName)
                .setAttribute("handoff.test", unit.name)
                .setAttribute("handoff.attempt", (long) unit.attempt)
                .setAttribute("handoff.max_attempts", (long) unit.maxAttempts)
                .setAttribute("handoff.run.number", runNumber)
                .setAttribute("handoff.environment", environment)
                .setAttribute("test.suite.name", suiteName)
                .setAttribute("test.case.name", unit.name)
                .startSpan();
        if (!span.getSpanContext().isValid()) {
            return; // no-op OpenTelemetry: nothing to record, nothing to propagate
        }
        Handle previous = attempts.put(unit.jupiterId, new Handle(span, true));
        if (previous != null) {
            previous.end();
        }
    }

    /**
     * Ends the span of the unit's attempt with its outcome; the trace and span ids for the
     * attempt's summary entry (empty when the attempt is not traced or never started).
     */
    Map<String, String> attemptFinished(Unit unit, String outcome, boolean flaky, Throwable failure) {
        Handle handle = attempts.remove(unit.jupiterId);
        if (handle == null) {
            return Map.of();
        }
        Span span = handle.span;
        span.setAttribute("handoff.result", outcome);
        span.setAttribute("handoff.flaky", flaky);
        span.setAttribute("handoff.soft", unit.soft());
        span.setAttribute(
                AttributeKey.stringKey("test.case.result.status"), outcome.equals("passed") ? "pass" : "fail");
        if (!outcome.equals("passed") && !outcome.equals("skipped")) {
            span.setStatus(
                    StatusCode.ERROR, outcome + (failure == null ? "" : ": " + ExecutionState.describe(failure)));
            if (failure != null) {
                span.recordException(failure);
            }
        }
        handle.end();
        if (!span.getSpanContext().isValid()) {
            return Map.of();
        }
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(TRACE_ID, span.getSpanContext().getTraceId());
        ids.put(TRACE_SPAN_ID, span.getSpanContext().getSpanId());
        return ids;
    }

    /**
     * The span a context with this Jupiter unique id belongs to: its attempt's (an invocation's
     * id is below its unit's), else the run's (suite setup); null when nothing is traced.
     */
    TraceHandle lookup(String uniqueId) {
        Optional<UniqueId> parsed = parse(uniqueId);
        for (UniqueId id = parsed.orElse(null); id != null; id = parentId(id)) {
            Handle handle = attempts.get(id);
            if (handle != null) {
                return handle;
            }
        }
        Span run = Span.fromContext(runContext);
        return run.getSpanContext().isValid() ? new Handle(run, false) : null;
    }

    /** Ends the run's own span (the daemon ends its own). */
    void finish(boolean failed, List<Throwable> failures) {
        attempts.values().forEach(Handle::end);
        attempts.clear();
        if (ownRunSpan != null) {
            if (failed) {
                ownRunSpan.setStatus(
                        StatusCode.ERROR, failures.isEmpty() ? "failed" : ExecutionState.describe(failures.get(0)));
            }
            ownRunSpan.end();
        }
    }

    private static Optional<UniqueId> parse(String uniqueId) {
        try {
            return Optional.of(UniqueId.parse(uniqueId));
        } catch (JUnitException notAnId) {
            return Optional.empty();
        }
    }

    private static UniqueId parentId(UniqueId uniqueId) {
        return uniqueId.getSegments().size() <= 1 ? null : uniqueId.removeLastSegment();
    }

    /** A span as {@code HandoffContext} sees it; only spans this engine started are ended by it. */
    private final class Handle implements TraceHandle {
        private final Span span;
        private final boolean owned;
        private final AtomicBoolean ended = new AtomicBoolean();

        Handle(Span span, boolean owned) {
            this.span = span;
            this.owned = owned;
        }

        @Override
        public TraceHandle startChild(String name) {
            return new Handle(
                    tracer.spanBuilder(name)
                            .setParent(Context.root().with(span))
                            .startSpan(),
                    true);
        }

        @Override
        public void put(String key, Object value) {
            switch (value) {
                case null -> {}
                case Boolean b -> span.setAttribute(key, b);
                case Long l -> span.setAttribute(key, l);
                case Integer i -> span.setAttribute(key, (long) i);
                case Short s -> span.setAttribute(key, (long) s);
                case Double d -> span.setAttribute(key, d);
                case Float f -> span.setAttribute(key, (double) f);
                default -> span.setAttribute(key, String.valueOf(value));
            }
        }

        @Override
        public void end() {
            if (owned && ended.compareAndSet(false, true)) {
                span.end();
            }
        }

        @Override
        public Map<String, String> headers() {
            Map<String, String> headers = new LinkedHashMap<>();
            W3CTraceContextPropagator.getInstance()
                    .inject(Context.root().with(span), headers, (carrier, key, value) -> carrier.put(key, value));
            return headers;
        }

        @Override
        public String traceId() {
            return span.getSpanContext().getTraceId();
        }
    }
}
