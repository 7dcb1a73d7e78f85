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
 * @param counts how its tests ended, counted as their attempts are stored
 * @param idle the time it sat finished between an execution and the retry that followed (its
 *     duration leaves it out)
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
        TestCounts counts,
        Duration idle) {

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
        Objects.requireNonNull(idle, "idle");
    }

    /** A run never retried after it finished. */
    public SuiteRun(
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
        this(
                id,
                result,
                request,
                environment,
                execution,
                createdAt,
                startedAt,
                finishedAt,
                failure,
                counts,
                Duration.ZERO);
    }

    /**
     * How long its executions took together: from start to finish (or to {@code now} while
     * running) less the time between an execution and its retry; empty before it started, and
     * while a retry waits for its turn (the last execution's end is not kept then).
     */
    public Optional<Duration> duration(Instant now) {
        if (result == RunResult.PENDING && execution > 0) {
            return Optional.empty();
        }
        Instant end = finishedAt.orElse(now);
        return startedAt.map(start -> Duration.between(start, end).minus(idle));
    }
}
