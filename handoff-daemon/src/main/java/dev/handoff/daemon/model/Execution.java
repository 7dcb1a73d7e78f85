package dev.handoff.daemon.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One execution of a run: the first, or a retry of its failed tests, each with its own start and
 * end.
 *
 * @param number 0 for the first execution, then 1, 2 ... for each retry
 * @param finishedAt empty while it runs (or when the daemon stopped during it)
 */
@API(status = API.Status.EXPERIMENTAL)
public record Execution(int number, Instant startedAt, Optional<Instant> finishedAt) {

    public Execution {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** {@code first execution}, {@code retry 1}, {@code retry 2} ... */
    public String label() {
        return number == 0 ? "first execution" : "retry " + number;
    }

    /** From its start to its end, or to {@code now} while it runs. */
    public Duration duration(Instant now) {
        Duration duration = Duration.between(startedAt, finishedAt.orElse(now));
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
