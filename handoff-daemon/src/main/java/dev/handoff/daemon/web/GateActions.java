package dev.handoff.daemon.web;

import dev.handoff.daemon.model.GateRequest;
import dev.handoff.daemon.model.GateStatus;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the API can do with gates. In the daemon the wiring implements it by delegating to {@link
 * dev.handoff.daemon.gate.GateService}; an interface, so that the web layer depends on these
 * operations and not on how gates trigger runs.
 */
public interface GateActions {

    /** The outcome of {@link #create}: the gate as it stands, and whether this call created it. */
    record Created(GateStatus status, boolean created) {}

    /**
     * Makes a gate and triggers its runs, or returns the gate the request's idempotency key already
     * got.
     *
     * @throws dev.handoff.daemon.model.InvalidParameterException when a parameter is unusable
     */
    Created create(GateRequest request);

    /**
     * The gate once its verdict is final, or as it stands when {@code wait} elapsed (at once for
     * zero).
     *
     * @throws dev.handoff.daemon.model.UnknownGateException when there is no such gate
     */
    GateStatus await(long id, Duration wait);

    /** Gates newest first. */
    List<GateStatus> list(int limit, OptionalLong before);
}
