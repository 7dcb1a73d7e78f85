package dev.handoff.daemon.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One line of a test's quarantine audit list.
 *
 * @param action {@code quarantined}, {@code lifted} or {@code expired}
 * @param actor who did it; {@code handoff} for what the daemon did by itself
 */
@API(status = API.Status.EXPERIMENTAL)
public record QuarantineEvent(
        String action, Optional<String> reason, String actor, Instant at, Optional<Instant> expiresAt) {

    public QuarantineEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
