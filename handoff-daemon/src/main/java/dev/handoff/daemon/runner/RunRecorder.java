package dev.handoff.daemon.runner;

import static dev.handoff.api.HandoffReportEntries.LOG;

import dev.handoff.api.SoftFailureException;
import dev.handoff.daemon.run.Attempt;
import dev.handoff.daemon.run.AttemptResult;
import dev.handoff.daemon.run.Failure;
import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.run.RunOutcome;
import dev.handoff.daemon.run.RunResult;
import dev.handoff.daemon.store.RunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Turns the platform events of one run into attempts, written to the {@link RunStore} as each
 * attempt finishes so that pages show a run in progress. Each attempt of a test is its own
 * identifier; its log entry and summary entry arrive on that identifier just before it finishes.
 * The engine's root and the suite container carry the suite's own failure and setup log.
 */
final class RunRecorder implements TestExecutionListener {

    private final RunId run;
    private final RunStore store;
    private final Map<String, Long> startNanos = new ConcurrentHashMap<>();
    private final Map<String, AttemptSummary> summaries = new ConcurrentHashMap<>();
    private final Map<String, String> logs = new ConcurrentHashMap<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final List<Failure> suiteFailures = new CopyOnWriteArrayList<>();
    private final StringBuffer setupLog = new StringBuffer();

    RunRecorder(RunId run, RunStore store) {
        this.run = run;
        this.store = store;
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        startNanos.put(identifier.getUniqueId(), System.nanoTime());
    }

    @Override
    public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        Map<String, String> values = entry.getKeyValuePairs();
        String log = values.get(LOG);
        if (log != null && isSuiteLevel(identifier)) {
            setupLog.append(log);
        } else if (log != null) {
            logs.merge(identifier.getUniqueId(), log, String::concat);
        }
        AttemptSummary.from(values).ifPresent(summary -> summaries.put(identifier.getUniqueId(), summary));
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (identifier.isTest() || identifier.getSource().orElse(null) instanceof MethodSource) {
            record(attempt(AttemptSummary.skipped(identifier), Duration.ZERO, Optional.of(Failure.reason(reason)), false, ""));
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        String id = identifier.getUniqueId();
        Long start = startNanos.remove(id);
        if (isSuiteLevel(identifier)) {
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                suiteFailures.add(result.getThrowable().map(Failure::of).orElse(Failure.reason("the suite failed")));
            }
            return;
        }
        AttemptSummary summary = summaries.remove(id);
        if (summary == null && !identifier.isTest()) {
            return;
        }
        if (summary == null) {
            summary = AttemptSummary.finished(identifier, result);
        }
        Duration duration = start == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
        Throwable throwable = result.getThrowable().orElse(null);
        boolean soft = summary.result() == AttemptResult.SOFT_FAILED || throwable instanceof SoftFailureException;
        String log = Objects.requireNonNullElse(logs.remove(id), "");
        record(attempt(summary, duration, Optional.ofNullable(throwable).map(Failure::of), soft, log));
    }

    /** The run could not be executed at all, or the launcher gave up on it. */
    void crashed(Throwable problem) {
        suiteFailures.add(Failure.of(problem));
    }

    RunOutcome outcome(Instant finishedAt) {
        Optional<Failure> suiteFailure = suiteFailures.stream().findFirst();
        return new RunOutcome(RunResult.of(attempts, suiteFailure.isPresent()), finishedAt, setupLog.toString(), suiteFailure);
    }

    private void record(Attempt attempt) {
        attempts.add(attempt);
        store.attemptFinished(run, attempt);
    }

    private static Attempt attempt(AttemptSummary summary, Duration duration, Optional<Failure> failure, boolean soft, String log) {
        return new Attempt(summary.test(), summary.attempt(), summary.maxAttempts(), summary.result(), soft,
                summary.flaky(), duration, failure, log);
    }

    /** The engine's root ({@code [engine:handoff]}) or a suite ({@code [engine:handoff]/[suite:com.acme.X]}). */
    private static boolean isSuiteLevel(TestIdentifier identifier) {
        return identifier.getUniqueIdObject().getSegments().size() <= 2;
    }
}
