package dev.handoff.engine.internal;

import static dev.handoff.api.HandoffReportEntries.ATTEMPT;
import static dev.handoff.api.HandoffReportEntries.FLAKY;
import static dev.handoff.api.HandoffReportEntries.LOG;
import static dev.handoff.api.HandoffReportEntries.MAX_ATTEMPTS;
import static dev.handoff.api.HandoffReportEntries.RESULT;
import static dev.handoff.api.HandoffReportEntries.SUITE;
import static dev.handoff.api.HandoffReportEntries.TEST;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * What the parts of one suite's execution share: the suite, its settings, its tests ({@link Unit}s),
 * the events sent so far, the setup log and the suite's own failures. The attempt loop ({@link
 * SuiteExecution}), the deadline ({@link RoundDeadline}) and the event translation ({@link Round})
 * read and change it; every change happens while holding this object's lock, because Jupiter may
 * report from several threads and the deadline acts from another.
 */
final class ExecutionState {

    final SuiteDescriptor suite;
    final ExecutionRequest request;
    final Events events;
    /** By Jupiter unique id of the first attempt's descriptor. */
    final Map<UniqueId, Unit> units = new LinkedHashMap<>();

    final AttemptLog setupLog = new AttemptLog();
    final List<Throwable> suiteFailures = new ArrayList<>();
    /** Nested classes that finished a round while some of their tests wait for a retry: their worst result so far. */
    final Map<TestDescriptor, TestExecutionResult> deferredContainers = new IdentityHashMap<>();

    SuiteSettings settings;
    /** The attempts' spans; null until the suite's settings are known. */
    AttemptTraces traces;
    /** Why the suite stopped (suite timeout, stop signal); null while it may go on. */
    volatile String stopReason;

    /** What a test that never got a result is told. */
    String notRunReason = "not run";

    /** The error that ended the current round early, until the attempt loop takes it. */
    private Throwable roundCrash;

    ExecutionState(SuiteDescriptor suite, ExecutionRequest request) {
        this.suite = suite;
        this.request = request;
        this.events = new Events(request.getEngineExecutionListener());
    }

    /** The mirror of the unit's current attempt, created (as a sibling of the first) for a later attempt. */
    MirrorDescriptor currentMirror(Unit unit) {
        if (unit.mirrorAttempt != unit.attempt) {
            unit.mirror = unit.attempt == 1 ? unit.firstMirror : attemptMirror(unit, unit.attempt);
            unit.mirrorAttempt = unit.attempt;
        }
        return unit.mirror;
    }

    /** The mirror of a later attempt of a unit: a sibling of the first attempt's mirror. */
    private MirrorDescriptor attemptMirror(Unit unit, int attempt) {
        MirrorDescriptor first = unit.firstMirror;
        UniqueId id = first.getUniqueId().append(SuiteDescriptor.ATTEMPT_SEGMENT, Integer.toString(attempt));
        MirrorDescriptor mirror =
                new MirrorDescriptor(id, first.getDisplayName() + " (attempt " + attempt + ")", first);
        first.getParent().orElse(suite).addChild(mirror);
        events.registered(mirror);
        return mirror;
    }

    /** The entry that ends every attempt: which test of which suite, which attempt, and its outcome. */
    ReportEntry summary(Unit unit, String result, boolean flaky, Throwable failure) {
        EntryPairs entry = new EntryPairs()
                .add(SUITE, settings.name())
                .add(TEST, unit.name)
                .add(ATTEMPT, Integer.toString(unit.attempt))
                .add(MAX_ATTEMPTS, Integer.toString(unit.maxAttempts))
                .add(RESULT, result);
        if (flaky) {
            entry.add(FLAKY, "true");
        }
        if (traces != null) {
            traces.attemptFinished(unit, result, flaky, failure).forEach(entry::add);
        }
        return ReportEntry.from(entry);
    }

    /**
     * Gives a unit that has no final result yet a failed attempt with the reason (the suite
     * timeout): the attempt that was running, or the attempt it was about to start.
     */
    void failUnfinished(Unit unit, String reason) {
        if (unit.done) {
            return;
        }
        currentMirror(unit);
        finishOpenBelow(unit.mirror, reason);
        if (!events.isDone(unit.mirror)) {
            events.startedWithAncestors(unit.mirror);
            events.reported(unit.mirror, summary(unit, "failed", false, timeout(reason, null)));
            events.finished(unit.mirror, TestExecutionResult.failed(timeout(reason, null)));
        }
        unit.done = true;
    }

    /** An error ended the round early: the suite fails with it, once the attempt loop has handled it. */
    synchronized void roundCrashed(Throwable crash) {
        suiteFailures.add(crash);
        roundCrash = crash;
    }

    synchronized Throwable takeRoundCrash() {
        Throwable crash = roundCrash;
        roundCrash = null;
        return crash;
    }

    /**
     * After an error ended the round: the tests of this attempt that were running fail with it, for
     * good (it is no assertion a retry could pass). True when there was one.
     */
    boolean failRunningWith(Throwable crash, int attempt) {
        boolean failed = false;
        for (Unit unit : units.values()) {
            if (unit.done || unit.attempt != attempt || unit.finishedThisAttempt) {
                continue;
            }
            MirrorDescriptor mirror = currentMirror(unit);
            if (!events.isStarted(mirror) || events.isDone(mirror)) {
                continue;
            }
            for (TestDescriptor open : events.openInnermostFirst()) {
                if (open != mirror && isAncestor(mirror, open)) {
                    events.finished(open, TestExecutionResult.failed(crash));
                }
            }
            events.reported(mirror, summary(unit, "failed", false, crash));
            events.finished(mirror, TestExecutionResult.failed(crash));
            unit.done = true;
            failed = true;
        }
        return failed;
    }

    private void finishOpenBelow(TestDescriptor mirror, String reason) {
        for (TestDescriptor open : events.openInnermostFirst()) {
            if (open != mirror && isAncestor(mirror, open)) {
                events.finished(open, TestExecutionResult.failed(timeout(reason, null)));
            }
        }
    }

    private static boolean isAncestor(TestDescriptor ancestor, TestDescriptor d) {
        for (var p = d.getParent(); p.isPresent(); p = p.get().getParent()) {
            if (p.get() == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** Skips the never-reported static mirrors below {@code parent} (a suite that could not run at all). */
    void skipMirrorsNotRun(TestDescriptor parent, String reason) {
        for (TestDescriptor child : parent.getChildren()) {
            if (!events.isStarted(child) && !events.isDone(child)) {
                events.skipped(child, reason);
            }
        }
    }

    /** Setup and teardown output so far, on the suite. */
    void publishSetupLog() {
        String log = setupLog.drain();
        if (!log.isEmpty()) {
            events.reported(suite, ReportEntry.from(LOG, log));
        }
    }

    static Throwable timeout(String reason, Throwable cause) {
        TimeoutException e = new TimeoutException(reason);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    static String describe(Throwable failure) {
        if (failure == null) {
            return "no reason given";
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getName() : message;
    }
}
