package dev.handoff.daemon.web;

import io.helidon.http.Status;

/** A request the API refuses for a reason of its own (no such test, a body that is not JSON). */
final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Status status;

    ProblemException(Status status, String detail) {
        super(detail);
        this.status = status;
    }

    Status status() {
        return status;
    }
}
