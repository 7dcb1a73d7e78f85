package dev.handoff.daemon.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A timed step inside an attempt, as a test recorded it with {@code HandoffContext.startSpan}.
 *
 * @param id unique within its attempt
 * @param parent the enclosing span's id, when it was started inside another
 */
@API(status = API.Status.EXPERIMENTAL)
public record Span(
        String id, Optional<String> parent, String name, Instant start, Instant end, Map<String, String> attributes) {

    public Span {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        attributes = Map.copyOf(attributes);
    }
}
