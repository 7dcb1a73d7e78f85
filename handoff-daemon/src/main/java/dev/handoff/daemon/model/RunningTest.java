package dev.handoff.daemon.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A test a run is executing right now: which attempt, since when.
 *
 * @param attempt 1 for the first attempt, as attempts are numbered
 */
public record RunningTest(String test, int attempt, Instant startedAt) {

    public RunningTest {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
