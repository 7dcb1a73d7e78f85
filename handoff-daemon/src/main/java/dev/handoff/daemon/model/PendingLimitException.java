package dev.handoff.daemon.model;

import org.apiguardian.api.API;

/**
 * A trigger refused because its suite already has as many pending runs as the daemon allows
 * ({@code --max-pending-runs}): a runaway script or schedule cannot fill the queue and the
 * database.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class PendingLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PendingLimitException(String suite, int limit) {
        super(
                "suite '%s' already has %d pending runs, the most --max-pending-runs allows; wait for some to start or cancel them"
                        .formatted(suite, limit));
    }
}
