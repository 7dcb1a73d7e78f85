package dev.handoff.daemon.model;

import org.apiguardian.api.API;

/** A schedule was asked for by a name the daemon does not know. */
@API(status = API.Status.EXPERIMENTAL)
public final class UnknownScheduleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownScheduleException(String name) {
        super("no schedule named '" + name + "'");
    }
}
