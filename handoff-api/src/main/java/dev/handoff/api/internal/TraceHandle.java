package dev.handoff.api.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * A span of the engine's trace as {@code HandoffContext} sees it: the attempt's own span, or one a
 * test started inside it. The engine implements it with OpenTelemetry; the API module stays free
 * of OpenTelemetry types, so test authors compile against JUnit's API alone.
 */
@API(status = INTERNAL, since = "0.1")
public interface TraceHandle {

    /** Starts a child span of this one. */
    TraceHandle startChild(String name);

    /** Adds or replaces an attribute (strings, numbers and booleans keep their type). */
    void put(String key, Object value);

    /** Ends the span; later calls do nothing. */
    void end();

    /** The W3C trace context headers ({@code traceparent}, {@code tracestate}) naming this span. */
    Map<String, String> headers();

    /** The trace id as 32 lower-case hex digits. */
    String traceId();
}
