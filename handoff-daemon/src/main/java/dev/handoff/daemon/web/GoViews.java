package dev.handoff.daemon.web;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.RunDetail;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.SuiteRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The resources in the shapes the Go project's client decodes ({@code model.TestSuiteRunHTTP} and
 * {@code model.TestRunHTTP}): its field names and JSON types, and its result words ({@code
 * pending}, {@code passed}, {@code failed}, {@code skipped}). Go's decoder matches names without
 * regard to case and refuses a value of another type, so no field here may share a name with a Go
 * field of another type.
 */
final class GoViews {

    private GoViews() {}

    /** Every attempt of one test, first first, as Go's {@code GetTestRun} decodes them. */
    static List<GoTestRun> testRuns(RunId id, List<Attempt> attempts) {
        return attempts.stream().map(attempt -> GoTestRun.of(id, attempt)).toList();
    }

    /**
     * One attempt. A failed, soft-failed or retried attempt is {@code failed} ({@code softFailure}
     * tells a soft one), and {@code logs} ends with the failure's message, as Go's test logs held
     * its errors.
     */
    record GoTestRun(
            String suiteName,
            long suiteRunId,
            String name,
            String result,
            int attempt,
            boolean softFailure,
            String logs,
            Instant start,
            Instant end,
            long durationInMs,
            SortedMap<String, String> context) {

        static GoTestRun of(RunId id, Attempt attempt) {
            String log = attempt.log();
            String logs = attempt.failure()
                    .map(failure -> log.isEmpty() || log.endsWith("\n")
                            ? log + failure.message()
                            : log + "\n" + failure.message())
                    .orElse(log);
            return new GoTestRun(
                    id.suite(),
                    id.number(),
                    attempt.test(),
                    attempt.result().isFailure() ? "failed" : attempt.result().label(),
                    attempt.number(),
                    attempt.soft(),
                    logs,
                    attempt.startedAt(),
                    attempt.finishedAt(),
                    attempt.duration().toMillis(),
                    new TreeMap<>(attempt.values()));
        }
    }

    /**
     * A run, as Go's {@code CreateTestSuiteRun} and {@code GetTestSuiteRun} decode it: {@code
     * tests} counts the suite's tests, {@code testResults} holds every attempt of every test, a
     * running run is {@code pending} and a flaky one {@code passed}, as in Go.
     */
    record GoTestSuiteRun(
            long id,
            String suiteName,
            String result,
            String testFilter,
            String reference,
            int tests,
            Instant scheduled,
            Instant start,
            Instant end,
            long durationInMs,
            String setupLogs,
            String triggeredBy,
            String environment,
            List<GoTestRun> testResults) {

        /**
         * @param tests how many tests the suite has
         * @param attempts every attempt of the run, by test
         */
        static GoTestSuiteRun of(RunDetail detail, int tests, List<Attempt> attempts, Instant now) {
            SuiteRun run = detail.run();
            return new GoTestSuiteRun(
                    run.id().number(),
                    run.id().suite(),
                    GoViews.result(run.result()),
                    run.request().filter().orElse(""),
                    run.request().ref().orElse(""),
                    tests,
                    run.createdAt(),
                    run.startedAt().orElse(null),
                    run.finishedAt().orElse(null),
                    run.duration(now).map(Duration::toMillis).orElse(0L),
                    detail.setupLog(),
                    run.request().initiatedBy(),
                    run.environment(),
                    testRuns(run.id(), attempts));
        }
    }

    /** Go's words: it had no {@code running} (a run was pending until it ended) and no {@code flaky} result. */
    static String result(RunResult result) {
        return switch (result) {
            case PENDING, RUNNING -> "pending";
            case PASSED, FLAKY -> "passed";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
        };
    }
}
