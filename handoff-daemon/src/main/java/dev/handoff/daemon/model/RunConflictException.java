package dev.handoff.daemon.model;

import org.apiguardian.api.API;

/** What was asked cannot be done in the run's current state (retry while it runs, cancel when it ended). */
@API(status = API.Status.EXPERIMENTAL)
public final class RunConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RunConflictException(String message) {
        super(message);
    }
}
