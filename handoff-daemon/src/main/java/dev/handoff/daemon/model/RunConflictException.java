package dev.handoff.daemon.model;

/** What was asked cannot be done in the run's current state (retry while it runs, cancel when it ended). */
public final class RunConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RunConflictException(String message) {
        super(message);
    }
}
