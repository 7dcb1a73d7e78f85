package dev.handoff.engine.internal;

import static dev.handoff.api.HandoffReportEntries.LOG;
import static dev.handoff.api.HandoffReportEntries.SOFT_FAILURE;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * Listens to one round of Jupiter and translates its events into what platform listeners see,
 * through {@link Events}: Jupiter's descriptors become their mirrors (a later attempt's mirror for
 * a retried test), failures become the engine's verdicts ({@link Reported}), setup failures skip
 * the tests they kept from running, and each test's output is published with its attempt.
 */
final class Round implements EngineExecutionListener {

    private final ExecutionState state;
    private final Events events;
    private final int attempt;
    /** Mirrors of descriptors not in the first attempt's tree (later attempts, dynamic tests), as this round met them. */
    private final Map<TestDescriptor, MirrorDescriptor> known = new IdentityHashMap<>();

    private final TestOutputs outputs;
    private boolean abandoned;

    Round(ExecutionState state, int attempt) {
        this.state = state;
        this.events = state.events;
        this.attempt = attempt;
        this.outputs = new TestOutputs(state);
    }

    /** Where {@code HandoffContext.log} lines of this round go. */
    void log(String jupiterId, String line) {
        outputs.log(jupiterId, line);
    }

    void interruptRunningTests() {
        outputs.interruptRunningTests();
    }

    /** The round was given up after a stop: whatever it still reports is ignored. */
    void abandon() {
        synchronized (state) {
            abandoned = true;
        }
    }

    @Override
    public void dynamicTestRegistered(TestDescriptor d) {
        synchronized (state) {
            if (!abandoned) {
                mirror(d);
            }
        }
    }

    @Override
    public void executionSkipped(TestDescriptor d, String reason) {
        synchronized (state) {
            if (abandoned || isRoot(d)) {
                return;
            }
            if (state.stopReason != null && state.stopReason.equals(reason)) {
                failStopped(d);
                return;
            }
            if (isTopClass(d)) {
                skipRound(roundUnits(), reason);
                return;
            }
            MirrorDescriptor mirror = mirror(d);
            events.skipped(mirror, reason);
            for (Unit unit : unitsBelow(d)) {
                unit.done = true;
            }
        }
    }

    @Override
    public void executionStarted(TestDescriptor d) {
        synchronized (state) {
            if (abandoned || isRoot(d)) {
                return;
            }
            if (isTopClass(d)) {
                outputs.suiteSetupStarted();
                return;
            }
            MirrorDescriptor mirror = mirror(d);
            events.started(mirror);
            Unit unit = state.units.get(d.getUniqueId());
            if (d.isTest() || unit != null) {
                // A template's or factory's own capture takes what its @BeforeEach/@AfterEach print.
                outputs.begin(d);
            }
            if (unit != null && state.traces != null) {
                state.traces.attemptStarted(unit);
            }
            if (d.isTest()) {
                if (state.stopReason != null) {
                    Thread.currentThread().interrupt(); // passed the stop condition just before the timeout
                }
            }
        }
    }

    @Override
    public void reportingEntryPublished(TestDescriptor d, ReportEntry entry) {
        synchronized (state) {
            if (abandoned || isRoot(d)) {
                return;
            }
            if (entry.getKeyValuePairs().containsKey(SOFT_FAILURE)) {
                Unit unit = unitOf(d);
                if (unit != null) {
                    unit.markSoft();
                }
            }
            events.reported(isTopClass(d) ? state.suite : mirror(d), entry);
        }
    }

    @Override
    public void fileEntryPublished(TestDescriptor d, FileEntry file) {
        synchronized (state) {
            if (!abandoned && !isRoot(d)) {
                events.filePublished(isTopClass(d) ? state.suite : mirror(d), file);
            }
        }
    }

    @Override
    public void executionFinished(TestDescriptor d, TestExecutionResult result) {
        synchronized (state) {
            if (abandoned) {
                return;
            }
            if (isRoot(d)) {
                result.getThrowable().ifPresent(state.suiteFailures::add);
            } else if (isTopClass(d)) {
                outputs.suiteTeardownFinished();
                classFinished(d, result, "suite setup");
            } else if (JupiterTrees.isClass(d)) {
                nestedClassFinished(d, mirror(d), result);
            } else {
                MirrorDescriptor mirror = mirror(d);
                publishLog(d, mirror, result);
                testFinished(d, mirror, result);
            }
        }
    }

    /**
     * Ends a test's output capture and publishes what it logged. An invocation's lines also join
     * its test's attempt log, and the invocation is reported on that attempt.
     */
    private void publishLog(TestDescriptor d, MirrorDescriptor mirror, TestExecutionResult result) {
        TestOutputs.Ended ended = outputs.end(d);
        if (ended == null) {
            return;
        }
        if (!ended.log().isEmpty()) {
            events.reported(mirror, ReportEntry.from(LOG, ended.log()));
        }
        TestDescriptor unitDescriptor = unitDescriptorAbove(d);
        if (unitDescriptor != null && d.isTest()) {
            outputs.append(unitDescriptor, ended.log());
            Unit unit = state.units.get(unitDescriptor.getUniqueId());
            events.reported(
                    state.currentMirror(unit), Invocations.entry(invocationName(d, unitDescriptor), result, ended));
        }
    }

    /** The unit {@code d} is an invocation of (the template or factory above it); null for a unit itself. */
    private TestDescriptor unitDescriptorAbove(TestDescriptor d) {
        for (TestDescriptor t = d.getParent().orElse(null);
                t != null;
                t = t.getParent().orElse(null)) {
            if (state.units.containsKey(t.getUniqueId())) {
                return t;
            }
        }
        return null;
    }

    /** The invocation's display name, after those of the dynamic containers between it and its test. */
    private static String invocationName(TestDescriptor d, TestDescriptor unitDescriptor) {
        StringBuilder name = new StringBuilder(d.getDisplayName());
        for (TestDescriptor t = d.getParent().orElseThrow();
                t != unitDescriptor;
                t = t.getParent().orElseThrow()) {
            name.insert(0, t.getDisplayName() + " / ");
        }
        return name.toString();
    }

    /** A nested class finishes once none of its tests waits for a retry; its result is the worst of its rounds. */
    private void nestedClassFinished(TestDescriptor d, MirrorDescriptor mirror, TestExecutionResult result) {
        classFinished(d, result, "setup of " + d.getDisplayName());
        if (state.stopReason != null) {
            unitsBelow(d).forEach(u -> state.failUnfinished(u, state.stopReason));
        }
        TestExecutionResult merged = Reported.worse(state.deferredContainers.remove(mirror), result);
        if (unitsBelow(d).stream().anyMatch(u -> u.pendingRetry)) {
            state.deferredContainers.put(mirror, merged);
        } else {
            events.finished(mirror, merged);
        }
    }

    /** A test, or a unit's container (template, factory), finished: reports it with the engine's verdict. */
    private void testFinished(TestDescriptor d, MirrorDescriptor mirror, TestExecutionResult result) {
        Unit unit = unitOf(d);
        boolean isUnit = unit != null && unit.jupiterId.equals(d.getUniqueId());
        Reported reported = unit == null ? Reported.asIs(result) : Reported.judge(unit, d, result, state.stopReason);
        if (isUnit && reported.outcome().equals("passed") && unit.failedThisAttempt) {
            // A template or factory whose invocations failed: its outcome is theirs.
            reported = new Reported(
                    reported.result(), unit.pendingRetry ? "retrying" : unit.soft() ? "soft-failed" : "failed");
        }
        if (isUnit) {
            boolean flaky = reported.outcome().equals("passed") && unit.failedAttempts > 0;
            events.reported(
                    mirror,
                    state.summary(
                            unit,
                            reported.outcome(),
                            flaky,
                            reported.result().getThrowable().orElse(null)));
        }
        events.finished(mirror, reported.result());
        if (isUnit) {
            unit.finished();
        }
    }

    /** Jupiter kept {@code d} from starting because the suite timeout passed: it fails with that reason now, while its parent is open. */
    private void failStopped(TestDescriptor d) {
        String reason = state.stopReason;
        if (isTopClass(d)) {
            roundUnits().forEach(unit -> state.failUnfinished(unit, reason));
            return;
        }
        Unit unit = state.units.get(d.getUniqueId());
        if (unit != null) {
            state.failUnfinished(unit, reason);
        } else if (JupiterTrees.isClass(d)) {
            unitsBelow(d).forEach(u -> state.failUnfinished(u, reason));
        } else {
            MirrorDescriptor mirror = mirror(d);
            events.startedWithAncestors(mirror);
            events.finished(mirror, TestExecutionResult.failed(ExecutionState.timeout(reason, null)));
        }
    }

    /** Suite or nested class finished: tests it did not get to are skipped with the reason. */
    private void classFinished(TestDescriptor jupiterClass, TestExecutionResult result, String what) {
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            if (isTopClass(jupiterClass)) {
                state.publishSetupLog();
            }
            return;
        }
        Throwable cause = result.getThrowable().orElse(null);
        boolean failed = result.getStatus() == TestExecutionResult.Status.FAILED;
        String reason = what + (failed ? " failed: " : " aborted: ") + ExecutionState.describe(cause);
        if (state.stopReason == null) {
            List<Unit> notRun = (isTopClass(jupiterClass) ? roundUnits() : unitsBelow(jupiterClass))
                    .stream()
                            .filter(u -> !u.finishedThisAttempt && !u.done && !events.isStarted(state.currentMirror(u)))
                            .toList();
            skipRound(notRun, reason);
        }
        if (isTopClass(jupiterClass)) {
            state.publishSetupLog();
            if (failed && cause != null) {
                state.suiteFailures.add(cause);
            }
        }
    }

    /**
     * Skips units that did not run in this round. In the first round their mirrors are the
     * discovered ones, so containers that have not started are skipped as a whole; later
     * attempts are siblings of the first and are skipped one by one.
     */
    private void skipRound(List<Unit> notRun, String reason) {
        for (Unit unit : notRun) {
            TestDescriptor skip = state.currentMirror(unit);
            if (attempt == 1) {
                for (var p = skip.getParent();
                        p.isPresent() && p.get() != state.suite && !events.isStarted(p.get());
                        p = p.get().getParent()) {
                    skip = p.get();
                }
            }
            events.skipped(skip, reason);
            unit.done = true;
            unit.pendingRetry = false;
        }
    }

    private List<Unit> roundUnits() {
        return state.units.values().stream().filter(u -> u.attempt == attempt).toList();
    }

    private List<Unit> unitsBelow(TestDescriptor jupiter) {
        List<Unit> below = new ArrayList<>();
        jupiter.accept(d -> {
            Unit unit = state.units.get(d.getUniqueId());
            if (unit != null && unit.attempt == attempt) {
                below.add(unit);
            }
        });
        return below;
    }

    private Unit unitOf(TestDescriptor d) {
        for (TestDescriptor t = d; t != null; t = t.getParent().orElse(null)) {
            Unit unit = state.units.get(t.getUniqueId());
            if (unit != null) {
                return unit;
            }
        }
        return null;
    }

    /**
     * The mirror of a Jupiter descriptor of this round: the discovered one for the first attempt's
     * tree, else the one this round already gave it; created and registered for a dynamic one.
     */
    private MirrorDescriptor mirror(TestDescriptor d) {
        MirrorDescriptor mirror = state.suite.mirrorOf(d);
        if (mirror == null) {
            mirror = known.get(d);
        }
        if (mirror != null) {
            return mirror;
        }
        Unit unit = state.units.get(d.getUniqueId());
        if (unit != null) {
            mirror = state.currentMirror(unit);
        } else {
            TestDescriptor jupiterParent = d.getParent().orElseThrow();
            TestDescriptor parent = isTopClass(jupiterParent) ? state.suite : mirror(jupiterParent);
            UniqueId id = parent.getUniqueId().append(d.getUniqueId().getLastSegment());
            mirror = state.suite.mirrorById(id).orElse(null);
            if (mirror == null) {
                mirror = new MirrorDescriptor(id, d.getDisplayName(), d);
                parent.addChild(mirror);
                events.registered(mirror);
            }
        }
        known.put(d, mirror);
        return mirror;
    }

    private static boolean isRoot(TestDescriptor d) {
        return d.getParent().isEmpty();
    }

    private static boolean isTopClass(TestDescriptor d) {
        Optional<TestDescriptor> parent = d.getParent();
        return parent.isPresent() && parent.get().getParent().isEmpty();
    }
}
