package dev.handoff.daemon.model;

/** The daemon is stopping and takes no new runs. */
public final class ShuttingDownException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ShuttingDownException() {
        super("the daemon is shutting down and takes no new runs; try again once it is back");
    }
}
