package dev.handoff.daemon.model;

import org.apiguardian.api.API;

/** The daemon is stopping and takes no new runs. */
@API(status = API.Status.EXPERIMENTAL)
public final class ShuttingDownException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ShuttingDownException() {
        super("the daemon is shutting down and takes no new runs; try again once it is back");
    }
}
