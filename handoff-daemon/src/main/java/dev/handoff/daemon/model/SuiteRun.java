package dev.handoff.daemon.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One execution of a suite, without its attempts: what lists of runs show.
 *
 * @param execution 0 for the first execution; each retry of the run's failed tests adds one
 * @param failure why the suite itself failed (setup, teardown, suite timeout, a run that could not
 *     start) or was cancelled; empty otherwise
 * @param counts how its tests ended; all zero until it finished
 */
@API(status = API.Status.EXPERIMENTAL)
public record SuiteRun(
        RunId id,
        RunResult result,
        RunRequest request,
        String environment,
        int execution,
        Instant createdAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<Failure> failure,
        TestCounts counts) {

    public SuiteRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(counts, "counts");
    }

    /** From start to finish, or to {@code now} while running; empty before it started. */
    public Optional<Duration> duration(Instant now) {
        Instant end = finishedAt.orElse(now);
        return startedAt.map(start -> Duration.between(start, end));
    }
}
