package dev.handoff.daemon.model;

import java.util.Objects;
import org.apiguardian.api.API;

/** Names one run: its suite and its number within that suite (1, 2, 3 ...). */
@API(status = API.Status.EXPERIMENTAL)
public record RunId(String suite, long number) {

    public RunId {
        Objects.requireNonNull(suite, "suite");
        if (number < 1) {
            throw new IllegalArgumentException("run numbers start at 1, got " + number);
        }
    }

    @Override
    public String toString() {
        return suite + " #" + number;
    }
}
