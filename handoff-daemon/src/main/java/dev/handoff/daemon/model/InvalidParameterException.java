package dev.handoff.daemon.model;

import org.apiguardian.api.API;

/** A request's parameter is unusable; the message says why in the user's words. */
@API(status = API.Status.EXPERIMENTAL)
public final class InvalidParameterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The offending parameter's name, as the request spelled it ({@code filter}, {@code limit}). */
    public String parameter() {
        return parameter;
    }
}
