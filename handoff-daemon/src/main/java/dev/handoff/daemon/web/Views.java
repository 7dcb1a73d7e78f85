package dev.handoff.daemon.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.handoff.api.internal.Durations;
import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.Execution;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.Invocation;
import dev.handoff.daemon.model.Invocations;
import dev.handoff.daemon.model.RunDetail;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunningTest;
import dev.handoff.daemon.model.Span;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import dev.handoff.daemon.model.TestOutcome;
import dev.handoff.daemon.model.TestSummary;
import dev.handoff.daemon.model.TraceLinks;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The resources of the API, one record each, written as JSON with their components' names in
 * their order; {@code openapi.yaml} documents the same shapes. Absent values are {@code null};
 * maps are sorted by key, so that a resource reads the same every time.
 */
final class Views {

    private Views() {}

    /** {@code GET /suites}. */
    record Suites(List<SuiteView> suites) {}

    record SuiteView(
            String name,
            String namespace,
            String description,
            List<String> labels,
            List<String> tests,
            int maxAttempts,
            Suite.AttemptRange attemptsPerTest,
            int concurrentRuns,
            String timeout,
            RunSummary latestRun,
            String url) {

        static SuiteView of(Suite suite, Optional<SuiteRun> latestRun, Instant now) {
            return new SuiteView(
                    suite.name(),
                    suite.namespace(),
                    suite.description(),
                    suite.labels(),
                    suite.tests(),
                    suite.maxAttempts(),
                    suite.attemptsPerTest(),
                    suite.concurrentRuns(),
                    suite.timeout().map(Durations::format).orElse(null),
                    latestRun.map(run -> RunSummary.of(run, now)).orElse(null),
                    Paths.suite(suite.name()));
        }
    }

    /**
     * A run without its tests, as lists show it. {@code durationMillis} runs up to now while the run
     * runs. {@code id} equals {@code number}: the Go project's clients read a run's number there.
     */
    record RunSummary(
            String suite,
            long number,
            long id,
            String result,
            String filter,
            String ref,
            String initiatedBy,
            String caller,
            SortedMap<String, String> parameters,
            String environment,
            int execution,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            Long durationMillis,
            FailureView failure,
            Counts counts,
            String url) {

        static RunSummary of(SuiteRun run, Instant now) {
            return new RunSummary(
                    run.id().suite(),
                    run.id().number(),
                    run.id().number(),
                    run.result().label(),
                    run.request().filter().orElse(null),
                    run.request().ref().orElse(null),
                    run.request().initiatedBy(),
                    run.request().caller().orElse(null),
                    sorted(run.request().parameters()),
                    run.environment(),
                    run.execution(),
                    run.createdAt(),
                    run.startedAt().orElse(null),
                    run.finishedAt().orElse(null),
                    run.duration(now).map(Duration::toMillis).orElse(null),
                    FailureView.of(run.failure()),
                    Counts.of(run.counts()),
                    Paths.run(run.id()));
        }
    }

    /** {@code GET /suites/{suite}/runs}; {@code next} is the following page, when this one is full. */
    record RunsPage(String suite, List<RunSummary> runs, String next) {}

    /**
     * {@code GET /suites/{suite}/runs/{run}}: the summary's fields, then the setup log, the context
     * values hooks added to the run, each test's latest attempt, and the tests running now.
     */
    record RunDetailView(
            @JsonUnwrapped RunSummary run,
            String setupLog,
            SortedMap<String, String> values,
            List<ExecutionView> executions,
            List<TestRow> tests,
            List<RunningTestView> running) {

        static RunDetailView of(RunDetail detail, Instant now) {
            RunId id = detail.run().id();
            return new RunDetailView(
                    RunSummary.of(detail.run(), now),
                    detail.setupLog(),
                    sorted(detail.values()),
                    detail.executions().stream()
                            .map(execution -> ExecutionView.of(execution, now))
                            .toList(),
                    detail.tests().stream().map(test -> TestRow.of(id, test)).toList(),
                    detail.running().stream()
                            .map(test -> RunningTestView.of(id, test))
                            .toList());
        }
    }

    /**
     * One execution of a run (the first, or a retry) with its own duration, running up to now
     * while it runs.
     */
    record ExecutionView(int number, String label, Instant startedAt, Instant finishedAt, long durationMillis) {

        static ExecutionView of(Execution execution, Instant now) {
            return new ExecutionView(
                    execution.number(),
                    execution.label(),
                    execution.startedAt(),
                    execution.finishedAt().orElse(null),
                    execution.duration(now).toMillis());
        }
    }

    /** A test the run executes right now: which attempt, since when, with its page's link. */
    record RunningTestView(String name, int attempt, Instant startedAt, String url) {

        static RunningTestView of(RunId id, RunningTest test) {
            return new RunningTestView(test.test(), test.attempt(), test.startedAt(), Paths.test(id, test.test()));
        }
    }

    /** One test of a run: its latest attempt and how many attempts it had. */
    record TestRow(
            String name,
            String result,
            int attempts,
            boolean soft,
            boolean flaky,
            Instant startedAt,
            Instant finishedAt,
            long durationMillis,
            FailureView failure,
            InvocationCounts invocations,
            String url,
            String traceId) {

        static TestRow of(RunId id, TestSummary test) {
            Attempt latest = test.latest();
            return new TestRow(
                    test.test(),
                    latest.result().label(),
                    test.attempts(),
                    latest.soft(),
                    test.flaky(),
                    latest.startedAt(),
                    latest.finishedAt(),
                    latest.duration().toMillis(),
                    FailureView.of(latest.failure()),
                    InvocationCounts.of(latest.invocations()),
                    Paths.test(id, test.test()),
                    latest.traceId().orElse(null));
        }
    }

    /**
     * How many invocations a test's attempt had, how many failed and the first that failed; null
     * for a test without invocations. {@code summary} is what the pages show: {@code 12
     * invocations, 1 failed: [2] value=b}.
     */
    record InvocationCounts(int count, int failed, String firstFailed, String summary) {

        static InvocationCounts of(Invocations invocations) {
            return invocations.count() == 0
                    ? null
                    : new InvocationCounts(
                            invocations.count(),
                            invocations.failed(),
                            invocations.firstFailed().orElse(null),
                            invocations.describe());
        }
    }

    /** One invocation of an attempt, with its own result, times, failure and output. */
    record InvocationView(
            String name,
            String result,
            Instant startedAt,
            Instant finishedAt,
            long durationMillis,
            String failure,
            String log) {

        static InvocationView of(Invocation invocation) {
            return new InvocationView(
                    invocation.name(),
                    invocation.result().label(),
                    invocation.startedAt(),
                    invocation.finishedAt(),
                    invocation.duration().toMillis(),
                    invocation.failure().orElse(null),
                    invocation.log());
        }
    }

    /** {@code GET /suites/{suite}/runs/{run}/tests/{test}}: every attempt, first first. */
    record TestView(String suite, long run, String test, List<AttemptView> attempts) {

        static TestView of(RunId id, String test, List<Attempt> attempts, TraceLinks links) {
            return new TestView(
                    id.suite(),
                    id.number(),
                    test,
                    attempts.stream()
                            .map(attempt -> AttemptView.of(attempt, id.suite(), links))
                            .toList());
        }
    }

    record AttemptView(
            String test,
            int number,
            int maxAttempts,
            String result,
            boolean soft,
            boolean flaky,
            Instant startedAt,
            Instant finishedAt,
            long durationMillis,
            FailureView failure,
            String log,
            List<SpanView> spans,
            SortedMap<String, String> values,
            InvocationCounts invocationCounts,
            List<InvocationView> invocations,
            String traceId,
            String traceSpanId,
            String traceUrl,
            String logsUrl) {

        static AttemptView of(Attempt attempt, String suite, TraceLinks links) {
            return new AttemptView(
                    attempt.test(),
                    attempt.number(),
                    attempt.maxAttempts(),
                    attempt.result().label(),
                    attempt.soft(),
                    attempt.flaky(),
                    attempt.startedAt(),
                    attempt.finishedAt(),
                    attempt.duration().toMillis(),
                    FailureView.of(attempt.failure()),
                    attempt.log(),
                    attempt.spans().stream().map(SpanView::of).toList(),
                    sorted(attempt.values()),
                    InvocationCounts.of(attempt.invocations()),
                    attempt.invocations().list().stream()
                            .map(InvocationView::of)
                            .toList(),
                    attempt.traceId().orElse(null),
                    attempt.traceSpanId().orElse(null),
                    links.trace(suite, attempt).map(URI::toString).orElse(null),
                    links.logs(suite, attempt).map(URI::toString).orElse(null));
        }
    }

    record SpanView(
            String id,
            String parent,
            String name,
            Instant start,
            Instant end,
            long durationMillis,
            SortedMap<String, String> attributes) {

        static SpanView of(Span span) {
            return new SpanView(
                    span.id(),
                    span.parent().orElse(null),
                    span.name(),
                    span.start(),
                    span.end(),
                    Duration.between(span.start(), span.end()).toMillis(),
                    sorted(span.attributes()));
        }
    }

    record FailureView(String message, String stackTrace) {

        static FailureView of(Optional<Failure> failure) {
            return failure.map(f -> new FailureView(f.message(), f.stackTrace()))
                    .orElse(null);
        }
    }

    record Counts(int passed, int failed, int softFailed, int skipped, int flaky, int total) {

        static Counts of(TestCounts counts) {
            return new Counts(
                    counts.passed(),
                    counts.failed(),
                    counts.softFailed(),
                    counts.skipped(),
                    counts.flaky(),
                    counts.total());
        }
    }

    /** One of a test's outcomes in {@code GET /suites/{suite}/tests/{test}}, newest first. */
    record OutcomeView(
            long run,
            Instant runCreatedAt,
            String result,
            int attempts,
            boolean flaky,
            boolean soft,
            long durationMillis,
            String url) {

        static OutcomeView of(TestOutcome outcome, String test) {
            return new OutcomeView(
                    outcome.run().number(),
                    outcome.runCreatedAt(),
                    outcome.result().label(),
                    outcome.attempts(),
                    outcome.flaky(),
                    outcome.soft(),
                    outcome.duration().toMillis(),
                    Paths.test(outcome.run(), test));
        }
    }

    /** {@code GET /healthz}, and {@code GET /ready} when ready. */
    record Health(String status) {}

    /** {@code GET /ready} while not ready. */
    record NotReady(String status, String reason) {}

    private static SortedMap<String, String> sorted(Map<String, String> map) {
        return new TreeMap<>(map);
    }
}
