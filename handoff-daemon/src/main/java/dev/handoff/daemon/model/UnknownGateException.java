package dev.handoff.daemon.model;

import org.apiguardian.api.API;

/** A gate that does not exist (or no longer: retention removed it). */
@API(status = API.Status.EXPERIMENTAL)
public final class UnknownGateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownGateException(long id) {
        super("there is no gate " + id);
    }
}
