package dev.handoff.daemon.model;

import java.io.Serial;
import org.apiguardian.api.API;

/**
 * The database failed to do what the store asked of it: unreachable, full, or holding something
 * the store cannot read. The message says what the store was doing and what the database said.
 */
@API(status = API.Status.EXPERIMENTAL)
public class StoreException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
