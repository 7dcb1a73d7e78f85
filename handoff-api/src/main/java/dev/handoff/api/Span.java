package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A timed section of a test, started with {@link HandoffContext#startSpan(String, Object...)}.
 * Ending it records its name, start, end and attributes with the attempt. Use it in a
 * try-with-resources block; ending twice has no further effect.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Span extends AutoCloseable {

    /** Adds or replaces an attribute; returns this span. */
    Span put(String key, Object value);

    /** Ends the span now and records it. */
    void end();

    /** Same as {@link #end()}. */
    @Override
    default void close() {
        end();
    }
}
