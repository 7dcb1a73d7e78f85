package dev.handoff.daemon.cli;

import static dev.handoff.api.HandoffReportEntries.ATTEMPT;
import static dev.handoff.api.HandoffReportEntries.FLAKY;
import static dev.handoff.api.HandoffReportEntries.MAX_ATTEMPTS;
import static dev.handoff.api.HandoffReportEntries.RESULT;
import static dev.handoff.api.HandoffReportEntries.SUITE;
import static dev.handoff.api.HandoffReportEntries.TEST;

import dev.handoff.api.AttemptFailedException;
import dev.handoff.api.SoftFailureException;
import dev.handoff.api.internal.TestNames;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.TestCounts;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Follows an in-process execution for {@code exec}: prints a line per finished attempt and per
 * skipped test as the engine reports them, and gathers the {@link ExecSummary}.
 *
 * <p>An attempt is read from the summary entry the engine publishes on it just before it finishes
 * ({@code handoff.test}, {@code handoff.attempt}, {@code handoff.result} ...; see {@code
 * HandoffReportEntries}); its failure comes with the finish event. A test skipped before it started
 * has no entry, only its skip event.
 */
final class ExecListener implements TestExecutionListener {

    private final PrintStream out;
    private final Map<String, SuiteProgress> suitesById = new LinkedHashMap<>();
    private final Map<String, SuiteProgress> suitesByName = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> summaries = new HashMap<>();
    private Optional<String> engineFailure = Optional.empty();

    private static final class SuiteProgress {
        final String name;
        final Map<String, TestProgress> tests = new LinkedHashMap<>();
        Optional<String> failure = Optional.empty();
        Optional<String> skipped = Optional.empty();
        Instant started;
        Instant finished;

        SuiteProgress(String name) {
            this.name = name;
        }
    }

    private static final class TestProgress {
        String result;
        int attempts;
        boolean flaky;
        boolean failedForGood;
    }

    ExecListener(List<Suite> suites, PrintStream out) {
        this.out = out;
        for (Suite suite : suites) {
            SuiteProgress progress = new SuiteProgress(suite.name());
            suitesById.put(suite.uniqueId(), progress);
            suitesByName.put(suite.name(), progress);
        }
    }

    @Override
    public synchronized void executionStarted(TestIdentifier identifier) {
        SuiteProgress suite = suitesById.get(identifier.getUniqueId());
        if (suite != null) {
            suite.started = Instant.now();
            out.println("Running " + suite.name);
        }
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        Map<String, String> values = entry.getKeyValuePairs();
        if (values.containsKey(TEST) && values.containsKey(RESULT)) {
            summaries.put(identifier.getUniqueId(), values);
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier identifier, String reason) {
        SuiteProgress suite = suitesById.get(identifier.getUniqueId());
        if (suite != null) {
            suite.skipped = Optional.of(reason);
            out.println(String.format("%-5s %s: %s", "SKIP", suite.name, reason));
        } else if (identifier.getSource().orElse(null) instanceof MethodSource source) {
            record(
                    TestNames.suiteName(source.getJavaClass()),
                    TestNames.testName(source.getJavaClass(), source.getJavaMethod()),
                    "skipped",
                    0,
                    0,
                    false,
                    Optional.of(reason));
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        Optional<String> failure = result.getThrowable().map(ExecListener::message);
        Map<String, String> summary = summaries.remove(identifier.getUniqueId());
        if (summary != null) {
            int attempt = number(summary.get(ATTEMPT), 1);
            record(
                    summary.getOrDefault(SUITE, suiteOf(identifier)),
                    summary.get(TEST),
                    summary.get(RESULT),
                    attempt,
                    number(summary.get(MAX_ATTEMPTS), attempt),
                    Boolean.parseBoolean(summary.get(FLAKY)),
                    failure);
            return;
        }
        SuiteProgress suite = suitesById.get(identifier.getUniqueId());
        if (suite != null) {
            suite.finished = Instant.now();
        }
        if (identifier.isTest() && identifier.getSource().orElse(null) instanceof MethodSource source) {
            String outcome = switch (result.getStatus()) {
                case SUCCESSFUL -> "passed";
                case FAILED -> "failed";
                case ABORTED -> "skipped";
            };
            record(
                    TestNames.suiteName(source.getJavaClass()),
                    TestNames.testName(source.getJavaClass(), source.getJavaMethod()),
                    outcome,
                    1,
                    0,
                    false,
                    failure);
        } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            containerFailed(identifier, failure.orElse("failed"));
        }
    }

    /** Setup, teardown or a suite timeout failed a suite; a failing engine fails everything. */
    private void containerFailed(TestIdentifier identifier, String failure) {
        if (identifier.getUniqueIdObject().getSegments().size() == 1) {
            engineFailure = Optional.of(failure);
            out.println(ProgressLines.suiteFailure("handoff engine", failure));
            return;
        }
        SuiteProgress suite = suitesByName.computeIfAbsent(suiteOf(identifier), SuiteProgress::new);
        if (suite.failure.isEmpty()) {
            suite.failure = Optional.of(failure);
        }
        out.println(ProgressLines.suiteFailure(suite.name, failure));
    }

    private void record(
            String suiteName,
            String test,
            String result,
            int attempt,
            int maxAttempts,
            boolean flaky,
            Optional<String> failure) {
        TestProgress progress = suitesByName
                .computeIfAbsent(suiteName, SuiteProgress::new)
                .tests
                .computeIfAbsent(test, t -> new TestProgress());
        progress.result = result;
        progress.attempts = Math.max(progress.attempts, attempt);
        progress.flaky |= flaky;
        progress.failedForGood |= result.equals("failed");
        out.println(ProgressLines.test(
                result, test, attempt, maxAttempts, flaky, result.equals("passed") ? Optional.empty() : failure));
    }

    /** The test's own failure: the line already says what the engine's wrappers add ("will retry", "soft failure"). */
    private static String message(Throwable throwable) {
        boolean wrapper = throwable instanceof AttemptFailedException || throwable instanceof SoftFailureException;
        return Failure.of(wrapper && throwable.getCause() != null ? throwable.getCause() : throwable)
                .message();
    }

    /** The name of the suite an identifier belongs to: its second unique id segment names it. */
    private String suiteOf(TestIdentifier identifier) {
        UniqueId id = identifier.getUniqueIdObject();
        while (id.getSegments().size() > 2) {
            id = id.removeLastSegment();
        }
        SuiteProgress suite = suitesById.get(id.toString());
        return suite != null ? suite.name : id.getLastSegment().getValue();
    }

    synchronized ExecSummary summary() {
        List<ExecSummary.SuiteOutcome> outcomes =
                suitesByName.values().stream().map(ExecListener::outcome).toList();
        boolean failed = engineFailure.isPresent()
                || outcomes.stream().anyMatch(s -> s.result().equals("failed"));
        boolean flaky = outcomes.stream().anyMatch(s -> s.result().equals("flaky"));
        return new ExecSummary(failed ? "failed" : flaky ? "flaky" : "passed", outcomes);
    }

    /** {@code PassingSuite passed in 0.3s: 2 passed, 0 failed, ...} for each suite. */
    synchronized List<String> summaryLines() {
        return suitesByName.values().stream()
                .map(suite ->
                        ProgressLines.summary(suite.name, outcome(suite).result(), duration(suite), counts(suite)))
                .toList();
    }

    private static ExecSummary.SuiteOutcome outcome(SuiteProgress suite) {
        List<ExecSummary.TestOutcome> tests = suite.tests.entrySet().stream()
                .map(e -> new ExecSummary.TestOutcome(
                        e.getKey(), e.getValue().failedForGood ? "failed" : e.getValue().result, e.getValue().attempts))
                .toList();
        String result;
        if (suite.failure.isPresent()
                || tests.stream()
                        .anyMatch(t -> t.result().equals("failed") || t.result().equals("retrying"))) {
            result = "failed";
        } else if (suite.skipped.isPresent() && tests.isEmpty()) {
            result = "skipped";
        } else {
            result = suite.tests.values().stream().anyMatch(t -> t.flaky) ? "flaky" : "passed";
        }
        return new ExecSummary.SuiteOutcome(suite.name, result, tests);
    }

    private static TestCounts counts(SuiteProgress suite) {
        int passed = 0, failed = 0, soft = 0, skipped = 0, flaky = 0;
        for (TestProgress test : suite.tests.values()) {
            switch (test.failedForGood ? "failed" : test.result) {
                case "passed" -> passed++;
                case "soft-failed" -> soft++;
                case "skipped" -> skipped++;
                default -> failed++;
            }
            if (test.flaky) {
                flaky++;
            }
        }
        return new TestCounts(passed, failed, soft, skipped, flaky);
    }

    private static Optional<Duration> duration(SuiteProgress suite) {
        return suite.started == null || suite.finished == null
                ? Optional.empty()
                : Optional.of(Duration.between(suite.started, suite.finished));
    }

    private static int number(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
