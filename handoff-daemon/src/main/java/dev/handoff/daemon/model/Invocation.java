package dev.handoff.daemon.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One invocation of a parameterized, repeated or dynamic test inside an attempt.
 *
 * @param name its display name ({@code [2] value=b}; inside dynamic containers their names joined
 *     by {@code " / "})
 * @param result {@link AttemptResult#PASSED}, {@link AttemptResult#FAILED} or {@link
 *     AttemptResult#SKIPPED}: what the invocation did, whatever its attempt became
 * @param failure why it did not pass
 * @param log its own log lines, in the form of {@link Attempt#log()}
 */
@API(status = API.Status.EXPERIMENTAL)
public record Invocation(
        String name,
        AttemptResult result,
        Instant startedAt,
        Instant finishedAt,
        Optional<String> failure,
        String log) {

    public Invocation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(log, "log");
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }
}
