package dev.handoff.daemon.model;

import org.apiguardian.api.API;

/** A run that does not exist (or no longer: retention removed it). */
@API(status = API.Status.EXPERIMENTAL)
public final class UnknownRunException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownRunException(RunId id) {
        super("suite '" + id.suite() + "' has no run " + id.number());
    }
}
