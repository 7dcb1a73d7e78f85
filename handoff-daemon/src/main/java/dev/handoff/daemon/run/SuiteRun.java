package dev.handoff.daemon.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution of a suite, as far as it has got: a snapshot, so that a page rendering it never
 * sees it change halfway.
 *
 * @param attempts the attempts that finished, in the order they finished
 * @param outcome how it ended; empty while pending or running
 */
public record SuiteRun(
        RunId id,
        RunResult result,
        Instant createdAt,
        Optional<Instant> startedAt,
        List<Attempt> attempts,
        Optional<RunOutcome> outcome) {

    public SuiteRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
        attempts = List.copyOf(attempts);
        Objects.requireNonNull(outcome, "outcome");
    }

    public static SuiteRun pending(RunId id, Instant createdAt) {
        return new SuiteRun(id, RunResult.PENDING, createdAt, Optional.empty(), List.of(), Optional.empty());
    }

    public SuiteRun started(Instant at) {
        return new SuiteRun(id, RunResult.RUNNING, createdAt, Optional.of(at), attempts, outcome);
    }

    public SuiteRun withAttempt(Attempt attempt) {
        List<Attempt> more = new ArrayList<>(attempts);
        more.add(attempt);
        return new SuiteRun(id, result, createdAt, startedAt, more, outcome);
    }

    public SuiteRun finished(RunOutcome end) {
        return new SuiteRun(id, end.result(), createdAt, startedAt, attempts, Optional.of(end));
    }

    /** From start to finish, or to {@code now} while running; empty before it started. */
    public Optional<Duration> duration(Instant now) {
        Instant end = outcome.map(RunOutcome::finishedAt).orElse(now);
        return startedAt.map(start -> Duration.between(start, end));
    }
}
