package dev.handoff.daemon.web;

import io.helidon.http.Status;

/** A request the API refuses for a reason of its own (no such test, a body that is not JSON). */
final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Status status;
    private final String parameter;

    ProblemException(Status status, String detail) {
        this(status, detail, null);
    }

    /** @param parameter the request part at fault, such as {@code Content-Type}; null when none is */
    ProblemException(Status status, String detail, String parameter) {
        super(detail);
        this.status = status;
        this.parameter = parameter;
    }

    Status status() {
        return status;
    }

    String parameter() {
        return parameter;
    }
}
