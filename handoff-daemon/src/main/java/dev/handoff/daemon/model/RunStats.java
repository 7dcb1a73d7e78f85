package dev.handoff.daemon.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a suite's recent runs say about it, over the finished ones among them (the strip of runs
 * the overview shows): how many passed (flaky runs passed too), how many were flaky, and the
 * median duration. Cancelled runs count as finished but neither passed nor flaky.
 *
 * <p>Computed here, once, so that every view of a suite (its page, the overview, the API) shows
 * the same figures.
 */
@API(status = API.Status.EXPERIMENTAL)
public record RunStats(int finished, int passed, int flaky, Optional<Duration> median) {

    public static RunStats of(List<SuiteRun> runs, Instant now) {
        List<SuiteRun> done =
                runs.stream().filter(run -> run.result().isFinished()).toList();
        int flaky = (int)
                done.stream().filter(run -> run.result() == RunResult.FLAKY).count();
        int passed = flaky
                + (int) done.stream()
                        .filter(run -> run.result() == RunResult.PASSED)
                        .count();
        List<Duration> durations = done.stream()
                .map(run -> run.duration(now))
                .flatMap(Optional::stream)
                .sorted()
                .toList();
        Optional<Duration> median = durations.isEmpty()
                ? Optional.empty()
                : Optional.of(
                        durations.size() % 2 == 1
                                ? durations.get(durations.size() / 2)
                                : durations
                                        .get(durations.size() / 2 - 1)
                                        .plus(durations.get(durations.size() / 2))
                                        .dividedBy(2));
        return new RunStats(done.size(), passed, flaky, median);
    }

    public double passRate() {
        return finished == 0 ? 0 : (double) passed / finished;
    }

    public double flakyRate() {
        return finished == 0 ? 0 : (double) flaky / finished;
    }
}
