package dev.handoff.daemon.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A quarantined test: it still runs and is recorded, but its failure is a soft failure, so it
 * neither fails its run nor pages anyone.
 *
 * @param by who quarantined it: the caller's name, or {@code handoff} for an auto-quarantine
 * @param expiresAt when the quarantine ends by itself; empty: when it is lifted
 */
@API(status = API.Status.EXPERIMENTAL)
public record Quarantine(
        String suite, String test, String reason, String by, Instant since, Optional<Instant> expiresAt) {

    /**
     * The context value set on a quarantined test's failed final attempt, holding the quarantine's
     * reason: with the attempt's result {@code soft-failed}, what says in stored results that the
     * failure was forgiven by a quarantine.
     */
    public static final String VALUE_KEY = "handoff.quarantined";

    /** The most characters a reason keeps. */
    public static final int MAX_REASON = 2000;

    public Quarantine {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean activeAt(Instant now) {
        return expiresAt.map(now::isBefore).orElse(true);
    }
}
