package dev.handoff.daemon.execution;

import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.engine.HandoffTestEngine;
import dev.handoff.engine.internal.EngineTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The run's side of tracing: one {@code handoff.run} span per execution of a run, whose context
 * reaches the engine as {@value HandoffTestEngine#TRACE_PARENT} so that every attempt is its
 * child. A run in the daemon's JVM uses the daemon's OpenTelemetry (registered with the engine); a
 * forked run's JVM sets up its own SDK with the same endpoint (the {@code OTEL_*} variables reach it
 * as the daemon's environment).
 */
@API(status = API.Status.INTERNAL)
public final class RunTracing implements AutoCloseable {

    /** No spans: what tests and tools that build the parts by hand get. */
    public static final RunTracing NONE = new RunTracing(OpenTelemetry.noop(), Optional.empty());

    private final OpenTelemetry openTelemetry;
    private final Optional<URI> endpoint;
    private final String key;

    /** @param endpoint the daemon's {@code --otlp-endpoint}, passed on to forked runs */
    public RunTracing(OpenTelemetry openTelemetry, Optional<URI> endpoint) {
        this.openTelemetry = openTelemetry;
        this.endpoint = endpoint;
        this.key = EngineTracing.register(openTelemetry);
    }

    /** Starts the span of one execution of {@code run}. */
    Span start(SuiteRun run) {
        return openTelemetry
                .getTracer("dev.handoff.daemon")
                .spanBuilder("handoff.run")
                .setNoParent()
                .setAttribute("handoff.suite", run.id().suite())
                .setAttribute("test.suite.name", run.id().suite())
                .setAttribute("handoff.run.number", run.id().number())
                .setAttribute("handoff.run.execution", (long) run.execution())
                .setAttribute("handoff.environment", run.environment())
                .startSpan();
    }

    /** Ends an execution's span with the run's result (empty: the daemon stopped before the run ended). */
    static void end(Span span, Optional<RunResult> result) {
        result.ifPresent(r -> {
            span.setAttribute("handoff.result", r.label());
            if (r == RunResult.FAILED) {
                span.setStatus(StatusCode.ERROR, "run failed");
            }
        });
        span.end();
    }

    /** The engine's parameters that put the execution's attempts under {@code span}. */
    Map<String, String> configuration(Span span, SuiteRun run) {
        Map<String, String> configuration = new HashMap<>();
        configuration.put(HandoffTestEngine.TRACER, key);
        configuration.put(HandoffTestEngine.ENVIRONMENT, run.environment());
        W3CTraceContextPropagator.getInstance()
                .inject(Context.root().with(span), configuration, (carrier, name, value) -> {
                    if (name.equals("traceparent")) {
                        carrier.put(HandoffTestEngine.TRACE_PARENT, value);
                    }
                });
        endpoint.ifPresent(url -> configuration.put(HandoffTestEngine.OTLP_ENDPOINT, url.toString()));
        return configuration;
    }

    @Override
    public void close() {
        EngineTracing.unregister(key);
    }
}
