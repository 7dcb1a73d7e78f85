package dev.handoff.daemon.access;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Who made a request, as far as the daemon knows: the name given to an API token or a client
 * certificate's subject, and its role. Never the token itself.
 */
@API(status = API.Status.EXPERIMENTAL)
public record Caller(String name, Role role) {

    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }
}
