package dev.handoff.daemon.model;

import org.apiguardian.api.API;

/** What was asked of a schedule conflicts with what it is (declared in code, completed); the message says why. */
@API(status = API.Status.EXPERIMENTAL)
public final class ScheduleConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ScheduleConflictException(String message) {
        super(message);
    }
}
