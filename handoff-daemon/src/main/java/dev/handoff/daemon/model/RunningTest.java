package dev.handoff.daemon.model;

import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A test a run is executing right now: which attempt, since when.
 *
 * @param attempt 1 for the first attempt, as attempts are numbered
 */
@API(status = API.Status.EXPERIMENTAL)
public record RunningTest(String test, int attempt, Instant startedAt) {

    public RunningTest {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
