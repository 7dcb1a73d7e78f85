package dev.handoff.daemon.capture;

import static dev.handoff.api.HandoffReportEntries.INVOCATION;
import static dev.handoff.api.HandoffReportEntries.INVOCATION_END;
import static dev.handoff.api.HandoffReportEntries.INVOCATION_FAILURE;
import static dev.handoff.api.HandoffReportEntries.INVOCATION_LOG;
import static dev.handoff.api.HandoffReportEntries.INVOCATION_RESULT;
import static dev.handoff.api.HandoffReportEntries.INVOCATION_START;
import static dev.handoff.api.HandoffReportEntries.LOG;
import static dev.handoff.api.HandoffReportEntries.SPAN;
import static dev.handoff.api.HandoffReportEntries.SPAN_ATTRIBUTE_PREFIX;
import static dev.handoff.api.HandoffReportEntries.SPAN_END;
import static dev.handoff.api.HandoffReportEntries.SPAN_ID;
import static dev.handoff.api.HandoffReportEntries.SPAN_PARENT;
import static dev.handoff.api.HandoffReportEntries.SPAN_START;
import static dev.handoff.api.HandoffReportEntries.VALUE_PREFIX;

import dev.handoff.api.AttemptFailedException;
import dev.handoff.api.SoftFailureException;
import dev.handoff.api.internal.TestNames;
import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.Invocation;
import dev.handoff.daemon.model.Invocations;
import dev.handoff.daemon.model.Quarantine;
import dev.handoff.daemon.model.RunningTest;
import dev.handoff.daemon.model.Span;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Turns the platform events of one execution of a run into attempts, handed on as each attempt
 * finishes so that the API shows a run in progress. Each attempt of a test is its own identifier;
 * its report entries (log, spans, values, summary) arrive on it before it finishes. The engine's
 * root and the suite container carry the suite's own failure and setup log.
 *
 * <p>An execution that continues a run (a retry, or a resume after a restart) runs only some of
 * its tests: the others are reported skipped by the filter and are not the execution's business
 * ({@code inScope}), and its attempts continue each test's count ({@code attemptsBefore}).
 */
@API(status = API.Status.INTERNAL)
public final class RunRecorder implements TestExecutionListener {

    private final Predicate<String> inScope;
    private final Map<String, String> quarantined;
    private final Map<String, Integer> attemptsBefore;
    private final Consumer<Attempt> sink;
    private final Clock clock;
    /** By unique id object: its string form costs a formatting per identifier, on the test's thread. */
    private final Map<UniqueId, Collected> collected = new ConcurrentHashMap<>();
    /**
     * The first failure below each identifier still open, by unique id: a parameterized test or a
     * test factory finishes successfully on the platform even when its invocations failed, so its
     * attempt takes the reason from them.
     */
    private final Map<UniqueId, Failure> failuresBelow = new ConcurrentHashMap<>();
    /** The tests started and not finished yet: what the run's page says it is doing. */
    private final Map<UniqueId, Started> running = new ConcurrentHashMap<>();

    private final Runnable testStarted;
    private final List<Failure> suiteFailures = new CopyOnWriteArrayList<>();
    private final StringBuffer setupLog = new StringBuffer();
    private volatile boolean detached;
    private volatile TestTree plan;

    /** @param testStarted told, on the test's thread, each time a test starts */
    public RunRecorder(
            Predicate<String> inScope,
            Map<String, Integer> attemptsBefore,
            Consumer<Attempt> sink,
            Runnable testStarted,
            Clock clock) {
        this(inScope, attemptsBefore, sink, testStarted, clock, Map.of());
    }

    /**
     * @param quarantined the suite's quarantined tests, each with its reason: a failed final attempt
     *     of one is recorded as a soft failure, with the reason as its {@value Quarantine#VALUE_KEY}
     *     context value
     */
    public RunRecorder(
            Predicate<String> inScope,
            Map<String, Integer> attemptsBefore,
            Consumer<Attempt> sink,
            Runnable testStarted,
            Clock clock,
            Map<String, String> quarantined) {
        this.quarantined = Map.copyOf(quarantined);
        this.inScope = inScope;
        this.attemptsBefore = Map.copyOf(attemptsBefore);
        this.sink = sink;
        this.testStarted = testStarted;
        this.clock = clock;
    }

    /** A test that started; its name is worked out only when someone asks what is running. */
    private record Started(TestIdentifier identifier, Instant start) {}

    /** The most running tests a run's page lists. */
    static final int MAX_RUNNING_SHOWN = 20;

    /** The tests running now, longest-running first, at most {@value #MAX_RUNNING_SHOWN}. */
    public List<RunningTest> running() {
        return running.values().stream()
                .sorted(java.util.Comparator.comparing(Started::start))
                .limit(MAX_RUNNING_SHOWN)
                .map(started -> AttemptSummary.running(started.identifier(), started.start()))
                .filter(test -> inScope.test(test.test()))
                .map(test -> new RunningTest(
                        test.test(), attemptsBefore.getOrDefault(test.test(), 0) + test.attempt(), test.startedAt()))
                .toList();
    }

    /** What one identifier gathered until it finished. */
    private static final class Collected {
        final Instant start;
        final StringBuilder log = new StringBuilder();
        final List<Span> spans = new ArrayList<>();
        final Map<String, String> values = new LinkedHashMap<>();
        final List<Invocation> invocations = new ArrayList<>();
        AttemptSummary summary;

        Collected(Instant start) {
            this.start = start;
        }
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        Instant now = clock.instant();
        collected.put(identifier.getUniqueIdObject(), new Collected(now));
        if (identifier.isTest()) {
            running.put(identifier.getUniqueIdObject(), new Started(identifier, now));
            testStarted.run();
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        Map<String, String> values = entry.getKeyValuePairs();
        String log = values.get(LOG);
        if (log != null && isSuiteLevel(identifier)) {
            setupLog.append(log);
            return;
        }
        Collected target = collected.get(identifier.getUniqueIdObject());
        if (target == null) {
            return;
        }
        synchronized (target) {
            if (log != null) {
                target.log.append(log);
            }
            if (values.containsKey(SPAN)) {
                span(values).ifPresent(target.spans::add);
            } else if (values.containsKey(INVOCATION)) {
                invocation(values).ifPresent(target.invocations::add);
            } else {
                values.forEach((key, value) -> {
                    if (key.startsWith(VALUE_PREFIX)) {
                        target.values.put(key.substring(VALUE_PREFIX.length()), value);
                    }
                });
            }
            AttemptSummary.from(values).ifPresent(summary -> target.summary = summary);
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        this.plan = TestTree.of(plan);
    }

    /** A forked run's plan, rebuilt from the child's events in place of the launcher's {@link TestPlan}. */
    public void testPlanExecutionStarted(TestTree tree) {
        this.plan = tree;
    }

    /**
     * A skipped test is an attempt with the reason. A skipped container (a nested class when setup
     * failed) hides its tests from the events, so each of them gets one too: a retry must know
     * they never ran.
     */
    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (isInvocation(identifier)) {
            return;
        }
        if (identifier.isTest() || identifier.getSource().orElse(null) instanceof MethodSource) {
            skipped(identifier, reason);
        } else if (plan != null) {
            TestTree tree = plan;
            tree.descendants(identifier).stream()
                    .filter(d -> d.getSource().orElse(null) instanceof MethodSource)
                    .filter(d ->
                            tree.parent(d).flatMap(TestIdentifier::getSource).orElse(null) instanceof ClassSource)
                    .forEach(test -> skipped(test, reason));
        }
    }

    private void skipped(TestIdentifier test, String reason) {
        Instant now = clock.instant();
        record(AttemptSummary.skipped(test), now, now, Optional.of(Failure.reason(reason)), false, new Collected(now));
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        Collected gathered = collected.remove(identifier.getUniqueIdObject());
        running.remove(identifier.getUniqueIdObject());
        Failure failureBelow = failuresBelow.remove(identifier.getUniqueIdObject());
        if (isSuiteLevel(identifier)) {
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                suiteFailures.add(result.getThrowable().map(Failure::of).orElse(Failure.reason("the suite failed")));
            }
            return;
        }
        Throwable throwable = result.getThrowable().orElse(null);
        if (throwable != null
                && (result.getStatus() == TestExecutionResult.Status.FAILED
                        || throwable instanceof AttemptFailedException
                        || throwable instanceof SoftFailureException)) {
            noteFailureAbove(identifier, throwable);
        }
        Instant now = clock.instant();
        if (gathered == null) {
            gathered = new Collected(now);
        }
        AttemptSummary summary;
        synchronized (gathered) {
            summary = gathered.summary;
        }
        if (summary == null && (!identifier.isTest() || isInvocation(identifier))) {
            // A container, or one invocation of a test: the engine reports invocations on the test's attempt.
            return;
        }
        if (summary == null) {
            summary = AttemptSummary.finished(identifier, result);
        }
        AttemptResult outcome = summary.result();
        boolean soft = outcome == AttemptResult.SOFT_FAILED || throwable instanceof SoftFailureException;
        Optional<Failure> failure = throwable != null
                ? Optional.of(failure(throwable))
                : Optional.ofNullable(failureBelow)
                        .filter(f -> outcome != AttemptResult.PASSED && outcome != AttemptResult.SKIPPED);
        record(summary, gathered.start, now, failure, soft, gathered);
    }

    /**
     * Keeps a failure for the identifiers above it up to the suite, named by the failing
     * invocation ({@code orders coffee: out of stock}): which of them failed is what a reader of a
     * parameterized test's attempt needs first.
     */
    private void noteFailureAbove(TestIdentifier identifier, Throwable throwable) {
        TestTree current = plan;
        if (current == null) {
            return;
        }
        Failure own = failure(throwable);
        Failure named = new Failure(identifier.getDisplayName() + ": " + own.message(), own.stackTrace());
        for (Optional<TestIdentifier> above = current.parent(identifier);
                above.isPresent() && !isSuiteLevel(above.get());
                above = current.parent(above.get())) {
            failuresBelow.putIfAbsent(above.get().getUniqueIdObject(), named);
        }
    }

    /**
     * The test's own failure: the engine wraps a retried or soft failure in an exception that tells
     * Surefire not to fail the build, while a reader of the run wants what the test threw.
     */
    private static Failure failure(Throwable throwable) {
        boolean wrapped = throwable instanceof AttemptFailedException || throwable instanceof SoftFailureException;
        return Failure.of(wrapped && throwable.getCause() != null ? throwable.getCause() : throwable);
    }

    /** The run could not be executed at all, or the launcher gave up on it. */
    public void crashed(Throwable problem) {
        suiteFailures.add(Failure.of(problem));
    }

    /** The run's JVM died (a forked run): the reason is the whole story, no stack trace tells more. */
    public void crashed(Failure reason) {
        suiteFailures.add(reason);
    }

    /**
     * From now on nothing is recorded: the daemon is stopping and the tests still running will be
     * run again when the run resumes, so their interrupted attempts must not count.
     */
    public void detach() {
        detached = true;
    }

    public String setupLog() {
        return setupLog.toString();
    }

    /** Why the suite itself failed (setup, teardown, suite timeout, a crash), when it did. */
    public Optional<Failure> suiteFailure() {
        return suiteFailures.stream().findFirst();
    }

    private void record(
            AttemptSummary summary,
            Instant start,
            Instant end,
            Optional<Failure> failure,
            boolean soft,
            Collected gathered) {
        if (detached || !inScope.test(summary.test())) {
            return;
        }
        AttemptResult result = summary.result();
        String quarantine = quarantined.get(summary.test());
        boolean forgiven = quarantine != null && result == AttemptResult.FAILED;
        Attempt attempt;
        synchronized (gathered) {
            Map<String, String> values = gathered.values;
            if (forgiven) {
                values = new LinkedHashMap<>(values);
                values.put(Quarantine.VALUE_KEY, quarantine);
            }
            attempt = new Attempt(
                    summary.test(),
                    summary.attempt(),
                    summary.maxAttempts(),
                    forgiven ? AttemptResult.SOFT_FAILED : result,
                    soft || forgiven,
                    summary.flaky(),
                    start,
                    end,
                    failure,
                    gathered.log.toString(),
                    gathered.spans,
                    values,
                    Invocations.of(gathered.invocations),
                    summary.traceId(),
                    summary.traceSpanId());
        }
        sink.accept(attempt.renumbered(attemptsBefore.getOrDefault(summary.test(), 0)));
    }

    /** An invocation as the engine reported it on its attempt; empty when this daemon cannot read it. */
    private static Optional<Invocation> invocation(Map<String, String> entry) {
        try {
            return Optional.of(new Invocation(
                    entry.get(INVOCATION),
                    AttemptResult.fromLabel(entry.getOrDefault(INVOCATION_RESULT, ""))
                            .orElse(AttemptResult.FAILED),
                    Instant.parse(entry.get(INVOCATION_START)),
                    Instant.parse(entry.get(INVOCATION_END)),
                    Optional.ofNullable(entry.get(INVOCATION_FAILURE)),
                    entry.getOrDefault(INVOCATION_LOG, "")));
        } catch (DateTimeParseException | NullPointerException malformed) {
            return Optional.empty();
        }
    }

    private static Optional<Span> span(Map<String, String> entry) {
        try {
            Map<String, String> attributes = new LinkedHashMap<>();
            entry.forEach((key, value) -> {
                if (key.startsWith(SPAN_ATTRIBUTE_PREFIX)) {
                    attributes.put(key.substring(SPAN_ATTRIBUTE_PREFIX.length()), value);
                }
            });
            return Optional.of(new Span(
                    entry.getOrDefault(SPAN_ID, ""),
                    Optional.ofNullable(entry.get(SPAN_PARENT)),
                    entry.get(SPAN),
                    Instant.parse(entry.get(SPAN_START)),
                    Instant.parse(entry.get(SPAN_END)),
                    attributes));
        } catch (DateTimeParseException | NullPointerException malformed) {
            // A span from a newer or foreign engine that this daemon cannot read: the attempt still counts.
            return Optional.empty();
        }
    }

    private static boolean isInvocation(TestIdentifier identifier) {
        return TestNames.isInvocationSegment(
                identifier.getUniqueIdObject().getLastSegment().getType());
    }

    /** The engine's root ({@code [engine:handoff]}) or a suite ({@code [engine:handoff]/[suite:com.acme.X]}). */
    private static boolean isSuiteLevel(TestIdentifier identifier) {
        return identifier.getUniqueIdObject().getSegments().size() <= 2;
    }
}
