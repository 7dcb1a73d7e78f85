package dev.handoff.daemon.hook;

import dev.handoff.api.ContextValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The values one hook call adds; what it adds after its call ended (or timed out) is dropped. */
final class CollectedValues implements ContextValues {

    /** The longest value kept; hooks add links and ids, not documents. */
    static final int MAX_VALUE = 10_000;

    private final Map<String, String> values = new LinkedHashMap<>();
    private boolean closed;

    @Override
    public synchronized void put(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isBlank()) {
            throw new IllegalArgumentException("a context value needs a key that is not blank");
        }
        if (!closed) {
            values.put(key, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value);
        }
    }

    /** Takes what was added so far; later additions are dropped. */
    synchronized Map<String, String> close() {
        closed = true;
        return Map.copyOf(values);
    }
}
