package dev.handoff.daemon.model;

import java.io.Serial;
import org.apiguardian.api.API;

/**
 * The database could not be reached (the connection was refused, cut, or none came within the
 * pool's timeout): nothing is wrong with what was asked, and the same call may succeed once the
 * database is back. Work that must not be lost waits and tries again; a request answers 503.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class StoreUnavailableException extends StoreException {

    @Serial
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
