package dev.handoff.daemon.cli;

import dev.handoff.daemon.capture.RunRecorder;
import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.TestCounts;
import dev.handoff.daemon.model.TestSummaries;
import dev.handoff.daemon.model.TestSummary;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Follows an in-process execution for {@code exec}: prints a line per finished attempt and per
 * skipped test as the engine reports them, and gathers the {@link ExecSummary}.
 *
 * <p>It decodes nothing itself: each suite's events go to a {@link RunRecorder} of its own, the
 * listener the daemon records runs with, and a suite's result and counts come from {@link
 * RunResult#of} and {@link TestCounts#of} over {@link TestSummaries}, as the daemon's do. So
 * {@code exec} and a run in the daemon cannot count the same suite differently. Only what the
 * daemon has no word for stays here: a failure of the engine itself, and the result
 * {@code skipped} of a suite skipped as a whole ({@code @Disabled}), whose tests count as skipped
 * as they do in the daemon.
 */
final class ExecListener implements TestExecutionListener {

    private final PrintStream out;
    private final Map<String, SuiteProgress> suitesById = new LinkedHashMap<>();
    private Optional<String> engineFailure = Optional.empty();

    /** One suite's recorder and what it recorded. */
    private final class SuiteProgress {
        final String name;
        final TestSummaries tests = new TestSummaries();
        final RunRecorder recorder;
        Optional<String> skipped = Optional.empty();
        Instant started;
        Instant finished;

        /**
         * Records the suite's tests, as the daemon does: an invocation of a parameterized or
         * dynamic test is part of its test's attempt, not a test of its own.
         */
        SuiteProgress(Suite suite) {
            this.name = suite.name();
            Set<String> tests = Set.copyOf(suite.tests());
            this.recorder = new RunRecorder(tests::contains, Map.of(), this::finished, () -> {}, Clock.systemUTC());
        }

        private void finished(Attempt attempt) {
            synchronized (ExecListener.this) {
                tests.add(attempt);
                out.println(ProgressLines.test(
                        attempt.result().label(),
                        attempt.test(),
                        attempt.number(),
                        attempt.maxAttempts(),
                        attempt.flaky(),
                        attempt.failure().map(Failure::message)));
            }
        }
    }

    ExecListener(List<Suite> suites, PrintStream out) {
        this.out = out;
        for (Suite suite : suites) {
            suitesById.put(suite.uniqueId(), new SuiteProgress(suite));
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        suitesById.values().forEach(suite -> suite.recorder.testPlanExecutionStarted(plan));
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        suiteOf(identifier).ifPresent(suite -> {
            if (isSuite(identifier)) {
                synchronized (this) {
                    suite.started = Instant.now();
                    out.println("Running " + suite.name);
                }
            }
            suite.recorder.executionStarted(identifier);
        });
    }

    @Override
    public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        suiteOf(identifier).ifPresent(suite -> suite.recorder.reportingEntryPublished(identifier, entry));
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        Optional<SuiteProgress> owner = suiteOf(identifier);
        if (owner.isEmpty()) {
            return;
        }
        SuiteProgress suite = owner.get();
        if (isSuite(identifier)) {
            synchronized (this) {
                suite.skipped = Optional.of(reason);
                out.println(String.format("%-5s %s: %s", "SKIP", suite.name, reason));
            }
        }
        suite.recorder.executionSkipped(identifier, reason);
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        Optional<SuiteProgress> owner = suiteOf(identifier);
        if (owner.isEmpty()) {
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                engineFailed(
                        result.getThrowable().map(t -> Failure.of(t).message()).orElse("failed"));
            }
            return;
        }
        SuiteProgress suite = owner.get();
        suite.recorder.executionFinished(identifier, result);
        if (isSuite(identifier)) {
            synchronized (this) {
                suite.finished = Instant.now();
                suite.recorder
                        .suiteFailure()
                        .ifPresent(failure -> out.println(ProgressLines.suiteFailure(suite.name, failure.message())));
            }
        }
    }

    private synchronized void engineFailed(String failure) {
        engineFailure = Optional.of(failure);
        out.println(ProgressLines.suiteFailure("handoff engine", failure));
    }

    /** The suite an identifier belongs to: the first two segments of its unique id name it. */
    private Optional<SuiteProgress> suiteOf(TestIdentifier identifier) {
        UniqueId id = identifier.getUniqueIdObject();
        if (id.getSegments().size() < 2) {
            return Optional.empty();
        }
        while (id.getSegments().size() > 2) {
            id = id.removeLastSegment();
        }
        return Optional.ofNullable(suitesById.get(id.toString()));
    }

    private static boolean isSuite(TestIdentifier identifier) {
        return identifier.getUniqueIdObject().getSegments().size() == 2;
    }

    synchronized ExecSummary summary() {
        List<ExecSummary.SuiteOutcome> outcomes =
                suitesById.values().stream().map(ExecListener::outcome).toList();
        boolean failed = engineFailure.isPresent()
                || outcomes.stream().anyMatch(s -> s.result().equals(RunResult.FAILED.label()));
        boolean flaky = outcomes.stream().anyMatch(s -> s.result().equals(RunResult.FLAKY.label()));
        return new ExecSummary(
                (failed ? RunResult.FAILED : flaky ? RunResult.FLAKY : RunResult.PASSED).label(), outcomes);
    }

    /** {@code PassingSuite passed in 0.3s: 2 passed, 0 failed, ...} for each suite. */
    synchronized List<String> summaryLines() {
        return suitesById.values().stream()
                .map(suite -> ProgressLines.summary(
                        suite.name, outcome(suite).result(), duration(suite), TestCounts.of(suite.tests.summaries())))
                .toList();
    }

    private static ExecSummary.SuiteOutcome outcome(SuiteProgress suite) {
        List<TestSummary> summaries = suite.tests.summaries();
        List<ExecSummary.TestOutcome> tests = summaries.stream()
                .map(t -> new ExecSummary.TestOutcome(
                        t.test(), t.latest().result().label(), t.attempts()))
                .toList();
        String result = suite.skipped.isPresent()
                ? "skipped"
                : RunResult.of(summaries, suite.recorder.suiteFailure().isPresent())
                        .label();
        return new ExecSummary.SuiteOutcome(suite.name, result, tests);
    }

    private static Optional<Duration> duration(SuiteProgress suite) {
        return suite.started == null || suite.finished == null
                ? Optional.empty()
                : Optional.of(Duration.between(suite.started, suite.finished));
    }
}
