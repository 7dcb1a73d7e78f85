package dev.handoff.engine.internal;

import static dev.handoff.api.HandoffReportEntries.ATTEMPT;
import static dev.handoff.api.HandoffReportEntries.FLAKY;
import static dev.handoff.api.HandoffReportEntries.LOG;
import static dev.handoff.api.HandoffReportEntries.MAX_ATTEMPTS;
import static dev.handoff.api.HandoffReportEntries.RESULT;
import static dev.handoff.api.HandoffReportEntries.SOFT_FAILURE;
import static dev.handoff.api.HandoffReportEntries.SUITE;
import static dev.handoff.api.HandoffReportEntries.TEST;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.handoff.api.AttemptFailedException;
import dev.handoff.api.SoftFailureException;
import dev.handoff.api.internal.SuiteRunState;
import dev.handoff.api.internal.TestNames;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.engine.support.store.NamespacedHierarchicalStore;

/**
 * Runs one suite: Jupiter executes the suite class once per attempt round (the first round runs
 * every test; each later round runs, together, the tests whose previous attempt failed), and this
 * class translates Jupiter's events into the events platform listeners see: failed attempts that
 * will be retried and soft failures become {@code ABORTED}, the suite timeout stops and fails
 * what is left, and setup failures skip the suite's tests with the reason.
 *
 * <p>Each round runs {@code @BeforeAll}/{@code @AfterAll} again: a retried test gets a fresh
 * suite setup, as the Go project asks of setup code (keep it idempotent).
 */
@API(status = INTERNAL, since = "0.1")
public final class SuiteExecution {

    private final SuiteDescriptor suite;
    private final ExecutionRequest request;
    private final Events events;
    private final Map<UniqueId, Unit> units = new LinkedHashMap<>();
    private final AttemptLog setupLog = new AttemptLog();
    private final List<Throwable> suiteFailures = new ArrayList<>();
    private final Map<TestDescriptor, TestExecutionResult> deferredContainers = new IdentityHashMap<>();
    private SuiteSettings settings;
    private volatile String stopReason;

    /** How often a round waiting for its tests looks at the stop signal. */
    private static final java.time.Duration STOP_POLL = java.time.Duration.ofMillis(50);

    public SuiteExecution(SuiteDescriptor suite, ExecutionRequest request) {
        this.suite = suite;
        this.request = request;
        this.events = new Events(request.getEngineExecutionListener());
    }

    public void run() {
        events.started(suite);
        OutputCapture.install();
        try {
            settings = SuiteSettings.of(suite.suiteClass(), request.getConfigurationParameters());
            collectUnits();
            runRounds();
        } catch (RuntimeException problem) {
            // Invalid settings, or a failure of the engine itself: the suite fails, the engine goes on.
            synchronized (this) {
                suiteFailures.add(problem);
                String reason = "not run: " + SuiteExecution.describe(problem);
                if (units.values().stream().noneMatch(u -> events.isStarted(u.mirror))) {
                    skipMirrorsNotRun(suite, reason);
                    units.values().forEach(u -> u.done = true);
                }
            }
        } finally {
            OutputCapture.uninstall();
            synchronized (this) {
                finishWhatIsLeft();
            }
        }
    }

    /** Units whose mirror survived post-discovery filters and that match {@code handoff.filter}. */
    private void collectUnits() {
        TestDescriptor root = suite.jupiterRoot();
        if (root == null) {
            return;
        }
        List<TestDescriptor> jupiterUnits = JupiterTrees.units(root);
        Map<TestDescriptor, MirrorDescriptor> mirrors = suite.mirrors();
        Map<Class<?>, String> prefixes = new HashMap<>();
        Map<TestDescriptor, String> filteredOut = new IdentityHashMap<>();
        for (TestDescriptor jupiter : jupiterUnits) {
            MirrorDescriptor mirror = mirrors.get(jupiter);
            if (mirror == null || !attached(mirror)) {
                jupiter.removeFromHierarchy();
                continue;
            }
            Method method = ((MethodSource) jupiter.getSource().orElseThrow()).getJavaMethod();
            Class<?> testClass = ((ClassSource) jupiter.getParent()
                            .flatMap(TestDescriptor::getSource)
                            .orElseThrow())
                    .getJavaClass();
            String name = prefixes.computeIfAbsent(testClass, TestNames::prefix) + method.getName();
            if (settings.filter().isPresent()
                    && !settings.filter().get().matcher(name).find()) {
                filteredOut.put(
                        mirror,
                        "test name '" + name + "' does not match filter '"
                                + settings.filter().get().pattern() + "'");
                jupiter.removeFromHierarchy();
                continue;
            }
            units.put(
                    jupiter.getUniqueId(),
                    new Unit(
                            name,
                            jupiter.getUniqueId(),
                            mirror,
                            settings.maxAttemptsFor(method),
                            TestAnnotations.isSoft(method)));
        }
        JupiterTrees.pruneEmptyClasses(root);
        skipFilteredOut(suite, filteredOut);
    }

    /**
     * Reports the tests the filter left out as skipped; a nested class none of whose tests is left
     * is skipped as a whole, so that no container is left without events.
     */
    private void skipFilteredOut(TestDescriptor container, Map<TestDescriptor, String> filteredOut) {
        for (TestDescriptor child : List.copyOf(container.getChildren())) {
            String reason = filteredOut.get(child);
            if (reason != null) {
                events.skipped(child, reason);
            } else if (JupiterTrees.isClass(child) && allFilteredOut(child, filteredOut)) {
                events.skipped(
                        child,
                        "no test matches filter '"
                                + settings.filter().orElseThrow().pattern() + "'");
            } else if (JupiterTrees.isClass(child)) {
                skipFilteredOut(child, filteredOut);
            }
        }
    }

    private static boolean allFilteredOut(TestDescriptor container, Map<TestDescriptor, String> filteredOut) {
        for (TestDescriptor child : container.getChildren()) {
            boolean out = filteredOut.containsKey(child)
                    || (JupiterTrees.isClass(child) && allFilteredOut(child, filteredOut));
            if (!out) {
                return false;
            }
        }
        return true;
    }

    /** Removed descriptors lose their parent, so a mirror is still in the tree if its chain reaches the suite. */
    private boolean attached(TestDescriptor mirror) {
        TestDescriptor d = mirror;
        while (d != suite) {
            var parent = d.getParent();
            if (parent.isEmpty()) {
                return false;
            }
            d = parent.get();
        }
        return true;
    }

    private void runRounds() {
        Instant deadline = settings.timeout().map(t -> Instant.now().plus(t)).orElse(null);
        TestDescriptor tree = suite.jupiterRoot();
        Map<TestDescriptor, MirrorDescriptor> known = new IdentityHashMap<>(suite.mirrors());
        int mostAttempts =
                units.values().stream().mapToInt(u -> u.maxAttempts).max().orElse(1);
        for (int attempt = 1; attempt <= mostAttempts; attempt++) {
            List<Unit> round = units.values().stream().filter(u -> !u.done).toList();
            if (round.isEmpty()) {
                return;
            }
            if (deadline != null && !Instant.now().isBefore(deadline)) {
                stopReason = settings.timeoutReason();
                return;
            }
            if (settings.stopRequested().isPresent()) {
                stopReason = settings.stopRequested().get();
                return;
            }
            if (attempt > 1) {
                tree = rediscover(round);
                known = new IdentityHashMap<>();
            }
            for (Unit unit : round) {
                unit.begin(attempt);
            }
            if (!executeRound(tree, attempt, known, deadline)) {
                return;
            }
        }
    }

    /**
     * Jupiter's tree for a retry round: discovered from the suite's own selectors (so a single
     * selected invocation stays the only one), minus the tests not in this round.
     */
    private TestDescriptor rediscover(List<Unit> round) {
        TestDescriptor tree = JupiterBridge.jupiter()
                .discover(
                        JupiterBridge.discoveryRequest(
                                suite.jupiterSelectors(),
                                request.getConfigurationParameters(),
                                suite.needsContextExtension(),
                                null,
                                suite.getUniqueId(),
                                request.getOutputDirectoryCreator()),
                        SuiteDescriptor.jupiterRootId(suite.getUniqueId()));
        Set<UniqueId> inRound = new HashSet<>();
        round.forEach(u -> inRound.add(u.jupiterId));
        JupiterTrees.keepOnly(tree, inRound);
        return tree;
    }

    /** Runs one round; false when the suite timeout ended it. */
    private boolean executeRound(
            TestDescriptor tree, int attempt, Map<TestDescriptor, MirrorDescriptor> known, Instant deadline) {
        SuiteRunState state = new SuiteRunState(attempt);
        NamespacedHierarchicalStore<Namespace> store = JupiterBridge.requestStore(request);
        store.put(Namespace.create(SuiteRunState.NAMESPACE), SuiteRunState.KEY, state);
        Round round = new Round(attempt, known);
        state.logTo(round::log);
        ExecutionRequest inner = JupiterBridge.executionRequest(request, tree, round, store);
        try {
            if (deadline == null && settings.stopSignal().isEmpty()) {
                // No suite timeout and no stop signal: nothing can abandon the round, so it runs on this thread.
                JupiterBridge.jupiter().execute(inner);
                return true;
            }
            return executeUntil(inner, attempt, deadline, state, round);
        } catch (RuntimeException | LinkageError crash) {
            synchronized (this) {
                suiteFailures.add(crash);
            }
            return true;
        } finally {
            store.close();
        }
    }

    /**
     * Runs a round on its own thread so that the suite timeout can stop it: tests not started yet
     * are kept from starting, running ones are interrupted, and a test that ignores the interrupt
     * is abandoned after the grace period.
     */
    private boolean executeUntil(
            ExecutionRequest inner, int attempt, Instant deadline, SuiteRunState state, Round round) {
        AtomicReference<Throwable> crash = new AtomicReference<>();
        Thread thread = Thread.ofPlatform()
                .daemon()
                .name("handoff-" + settings.name() + "-attempt-" + attempt)
                .unstarted(() -> {
                    try {
                        JupiterBridge.jupiter().execute(inner);
                    } catch (Throwable t) {
                        crash.set(t);
                    }
                });
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        thread.start();
        boolean finished = await(thread, deadline);
        if (!finished) {
            String reason = settings.stopRequested().orElseGet(settings::timeoutReason);
            stopReason = reason;
            state.stop(reason);
            round.interruptRunningTests();
            thread.interrupt();
            if (!awaitGrace(thread)) {
                round.abandon();
                return false;
            }
        }
        if (crash.get() != null) {
            synchronized (this) {
                suiteFailures.add(crash.get());
            }
        }
        return finished;
    }

    /** After a stop: waits up to the grace period for the interrupted round to end; true when it did. */
    private boolean awaitGrace(Thread thread) {
        try {
            thread.join(settings.grace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /**
     * Waits for the round's thread until the deadline (none: forever) or a stop signal; true when
     * it ended by itself. The signal is polled: a stop takes effect within {@link #STOP_POLL}.
     */
    private boolean await(Thread thread, Instant deadline) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    long millis = deadline == null
                            ? Long.MAX_VALUE
                            : java.time.Duration.between(Instant.now(), deadline)
                                    .toMillis();
                    if (millis <= 0 || settings.stopRequested().isPresent()) {
                        return !thread.isAlive();
                    }
                    thread.join(Math.min(millis, STOP_POLL.toMillis()));
                    if (!thread.isAlive()) {
                        return true;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** After the last round: what never got a result gets one, and open containers close. */
    private void finishWhatIsLeft() {
        String reason = stopReason != null ? stopReason : "not run";
        for (Unit unit : units.values()) {
            if (unit.pendingRetry) {
                unit.attempt++;
                unit.pendingRetry = false;
            }
            failUnfinished(unit, reason);
        }
        for (TestDescriptor open : events.openInnermostFirst()) {
            if (open == suite) {
                continue;
            }
            TestExecutionResult result = deferredContainers.getOrDefault(
                    open,
                    open.isTest()
                            ? TestExecutionResult.failed(timeout(reason, null))
                            : TestExecutionResult.successful());
            deferredContainers.remove(open);
            events.finished(open, result);
        }
        publishSetupLog();
        if (stopReason != null) {
            suiteFailures.add(0, timeout(stopReason, null));
        }
        TestExecutionResult result = TestExecutionResult.successful();
        if (!suiteFailures.isEmpty()) {
            Throwable first = suiteFailures.get(0);
            suiteFailures.stream().skip(1).forEach(first::addSuppressed);
            result = TestExecutionResult.failed(first);
        }
        events.finished(suite, result);
    }

    /**
     * Gives a unit that has no final result yet a failed attempt with the reason (the suite
     * timeout): the attempt that was running, or the attempt it was about to start.
     */
    private void failUnfinished(Unit unit, String reason) {
        if (unit.done) {
            return;
        }
        currentMirror(unit);
        finishOpenBelow(unit.mirror, reason);
        if (!events.isDone(unit.mirror)) {
            events.startedWithAncestors(unit.mirror);
            events.reported(unit.mirror, summary(unit, unit.name, "failed", false));
            events.finished(unit.mirror, TestExecutionResult.failed(timeout(reason, null)));
        }
        unit.done = true;
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
    private void skipMirrorsNotRun(TestDescriptor parent, String reason) {
        for (TestDescriptor child : parent.getChildren()) {
            if (!events.isStarted(child) && !events.isDone(child)) {
                events.skipped(child, reason);
            }
        }
    }

    /** Setup and teardown output so far, on the suite. */
    private void publishSetupLog() {
        String log = setupLog.drain();
        if (!log.isEmpty()) {
            events.reported(suite, ReportEntry.from(LOG, log));
        }
    }

    private static Throwable timeout(String reason, Throwable cause) {
        TimeoutException e = new TimeoutException(reason);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** The mirror of the unit's current attempt, created (as a sibling of the first) for a later attempt. */
    private MirrorDescriptor currentMirror(Unit unit) {
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

    private ReportEntry summary(Unit unit, String testName, String result, boolean flaky) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put(SUITE, settings.name());
        entry.put(TEST, testName);
        entry.put(ATTEMPT, Integer.toString(unit.attempt));
        entry.put(MAX_ATTEMPTS, Integer.toString(unit.maxAttempts));
        entry.put(RESULT, result);
        if (flaky) {
            entry.put(FLAKY, "true");
        }
        return ReportEntry.from(entry);
    }

    /** Listens to one round of Jupiter and speaks to platform listeners through {@link Events}. */
    private final class Round implements EngineExecutionListener {
        private final int attempt;
        private final Map<TestDescriptor, MirrorDescriptor> known;
        /** Tests started and not finished, guarded by the execution's lock. */
        private final Map<TestDescriptor, RunningTest> running = new IdentityHashMap<>();

        private AttemptLog targetBeforeSetup;
        private boolean abandoned;

        Round(int attempt, Map<TestDescriptor, MirrorDescriptor> known) {
            this.attempt = attempt;
            this.known = known;
        }

        /**
         * A {@code HandoffContext.log} line from the test (or class) with this Jupiter id. On the
         * test's own threads the capture target is that attempt's log; a line from elsewhere (a
         * pool thread the test hands work to) is filed by the test's id.
         */
        void log(String jupiterId, String line) {
            AttemptLog target = OutputCapture.current();
            if (target == null || target.isClosed()) {
                synchronized (SuiteExecution.this) {
                    target = running.entrySet().stream()
                            .filter(e -> e.getKey().getUniqueId().toString().equals(jupiterId))
                            .map(e -> e.getValue().log)
                            .findFirst()
                            .orElse(setupLog);
                }
            }
            target.add("log", line);
            if (settings.logToConsole()) {
                OutputCapture.echo(line);
            }
        }

        void interruptRunningTests() {
            synchronized (SuiteExecution.this) {
                running.values().forEach(test -> test.thread.interrupt());
            }
        }

        void abandon() {
            synchronized (SuiteExecution.this) {
                abandoned = true;
            }
        }

        @Override
        public void dynamicTestRegistered(TestDescriptor d) {
            synchronized (SuiteExecution.this) {
                if (!abandoned) {
                    mirror(d);
                }
            }
        }

        @Override
        public void executionSkipped(TestDescriptor d, String reason) {
            synchronized (SuiteExecution.this) {
                if (abandoned || isRoot(d)) {
                    return;
                }
                if (stopReason != null && stopReason.equals(reason)) {
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
            synchronized (SuiteExecution.this) {
                if (abandoned || isRoot(d)) {
                    return;
                }
                if (isTopClass(d)) {
                    targetBeforeSetup = OutputCapture.begin(setupLog);
                    return;
                }
                MirrorDescriptor mirror = mirror(d);
                events.started(mirror);
                if (d.isTest()) {
                    AttemptLog log = new AttemptLog();
                    running.put(d, new RunningTest(log, OutputCapture.begin(log), Thread.currentThread()));
                    if (stopReason != null) {
                        Thread.currentThread().interrupt(); // passed the stop condition just before the timeout
                    }
                }
            }
        }

        @Override
        public void reportingEntryPublished(TestDescriptor d, ReportEntry entry) {
            synchronized (SuiteExecution.this) {
                if (abandoned || isRoot(d)) {
                    return;
                }
                if (entry.getKeyValuePairs().containsKey(SOFT_FAILURE)) {
                    Unit unit = unitOf(d);
                    if (unit != null) {
                        unit.markSoft();
                    }
                }
                events.reported(isTopClass(d) ? suite : mirror(d), entry);
            }
        }

        @Override
        public void fileEntryPublished(TestDescriptor d, FileEntry file) {
            synchronized (SuiteExecution.this) {
                if (!abandoned && !isRoot(d)) {
                    events.filePublished(isTopClass(d) ? suite : mirror(d), file);
                }
            }
        }

        @Override
        public void executionFinished(TestDescriptor d, TestExecutionResult result) {
            synchronized (SuiteExecution.this) {
                if (abandoned) {
                    return;
                }
                if (isRoot(d)) {
                    result.getThrowable().ifPresent(suiteFailures::add);
                } else if (isTopClass(d)) {
                    OutputCapture.restore(targetBeforeSetup);
                    classFinished(d, result, "suite setup");
                } else if (JupiterTrees.isClass(d)) {
                    nestedClassFinished(d, mirror(d), result);
                } else {
                    MirrorDescriptor mirror = mirror(d);
                    publishLog(d, mirror);
                    testFinished(d, mirror, result);
                }
            }
        }

        /** Ends a test's output capture and publishes what it logged. */
        private void publishLog(TestDescriptor d, MirrorDescriptor mirror) {
            RunningTest test = d.isTest() ? running.remove(d) : null;
            if (test == null) {
                return;
            }
            OutputCapture.restore(test.previousTarget);
            String log = test.log.drain();
            test.log.close();
            if (!log.isEmpty()) {
                events.reported(mirror, ReportEntry.from(LOG, log));
            }
        }

        /** A nested class finishes once none of its tests waits for a retry; its result is the worst of its rounds. */
        private void nestedClassFinished(TestDescriptor d, MirrorDescriptor mirror, TestExecutionResult result) {
            classFinished(d, result, "setup of " + d.getDisplayName());
            if (stopReason != null) {
                unitsBelow(d).forEach(u -> failUnfinished(u, stopReason));
            }
            TestExecutionResult merged = worse(deferredContainers.remove(mirror), result);
            if (unitsBelow(d).stream().anyMatch(u -> u.pendingRetry)) {
                deferredContainers.put(mirror, merged);
            } else {
                events.finished(mirror, merged);
            }
        }

        /** A test, or a unit's container (template, factory), finished: reports it with the engine's verdict. */
        private void testFinished(TestDescriptor d, MirrorDescriptor mirror, TestExecutionResult result) {
            Unit unit = unitOf(d);
            boolean isUnit = unit != null && unit.jupiterId.equals(d.getUniqueId());
            Reported reported = unit == null ? Reported.asIs(result) : judge(unit, d, result);
            if (isUnit && reported.outcome().equals("passed") && unit.failedThisAttempt) {
                // A template or factory whose invocations failed: its outcome is theirs.
                reported = new Reported(
                        reported.result(), unit.pendingRetry ? "retrying" : unit.soft() ? "soft-failed" : "failed");
            }
            if (unit != null && (d.isTest() || isUnit)) {
                boolean flaky = isUnit && reported.outcome().equals("passed") && unit.failedAttempts > 0;
                String testName = isUnit ? unit.name : unit.name + "/" + d.getDisplayName();
                events.reported(mirror, summary(unit, testName, reported.outcome(), flaky));
            }
            events.finished(mirror, reported.result());
            if (isUnit) {
                unit.finished();
            }
        }

        /**
         * What a failure inside a unit becomes: a retry, a soft failure, a failure with the suite
         * timeout's reason, or a plain failure. A test that ends after the timeout fails with it.
         */
        private Reported judge(Unit unit, TestDescriptor d, TestExecutionResult result) {
            boolean endedAfterStop =
                    stopReason != null && d.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            if (result.getStatus() != TestExecutionResult.Status.FAILED && !endedAfterStop) {
                return Reported.asIs(result);
            }
            Throwable failure = result.getThrowable().orElse(null);
            return switch (unit.failed(stopReason != null)) {
                case RETRY ->
                    new Reported(
                            TestExecutionResult.aborted(new AttemptFailedException(attempt, unit.maxAttempts, failure)),
                            "retrying");
                case SOFT ->
                    new Reported(
                            TestExecutionResult.aborted(
                                    new SoftFailureException("soft failure: " + describe(failure), failure)),
                            "soft-failed");
                case STOPPED -> new Reported(TestExecutionResult.failed(timeout(stopReason, failure)), "failed");
                case FAIL -> new Reported(result, "failed");
            };
        }

        /** Jupiter kept {@code d} from starting because the suite timeout passed: it fails with that reason now, while its parent is open. */
        private void failStopped(TestDescriptor d) {
            if (isTopClass(d)) {
                roundUnits().forEach(unit -> failUnfinished(unit, stopReason));
                return;
            }
            Unit unit = units.get(d.getUniqueId());
            if (unit != null) {
                failUnfinished(unit, stopReason);
            } else if (JupiterTrees.isClass(d)) {
                unitsBelow(d).forEach(u -> failUnfinished(u, stopReason));
            } else {
                MirrorDescriptor mirror = mirror(d);
                events.startedWithAncestors(mirror);
                events.finished(mirror, TestExecutionResult.failed(timeout(stopReason, null)));
            }
        }

        /** Suite or nested class finished: tests it did not get to are skipped with the reason. */
        private void classFinished(TestDescriptor jupiterClass, TestExecutionResult result, String what) {
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                if (isTopClass(jupiterClass)) {
                    publishSetupLog();
                }
                return;
            }
            Throwable cause = result.getThrowable().orElse(null);
            boolean failed = result.getStatus() == TestExecutionResult.Status.FAILED;
            String reason = what + (failed ? " failed: " : " aborted: ") + describe(cause);
            if (stopReason == null) {
                List<Unit> notRun = (isTopClass(jupiterClass) ? roundUnits() : unitsBelow(jupiterClass))
                        .stream()
                                .filter(u -> !u.finishedThisAttempt && !u.done && !events.isStarted(currentMirror(u)))
                                .toList();
                skipRound(notRun, reason);
            }
            if (isTopClass(jupiterClass)) {
                publishSetupLog();
                if (failed && cause != null) {
                    suiteFailures.add(cause);
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
                TestDescriptor skip = currentMirror(unit);
                if (attempt == 1) {
                    for (var p = skip.getParent();
                            p.isPresent() && p.get() != suite && !events.isStarted(p.get());
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
            return units.values().stream().filter(u -> u.attempt == attempt).toList();
        }

        private List<Unit> unitsBelow(TestDescriptor jupiter) {
            List<Unit> below = new ArrayList<>();
            jupiter.accept(d -> {
                Unit unit = units.get(d.getUniqueId());
                if (unit != null && unit.attempt == attempt) {
                    below.add(unit);
                }
            });
            return below;
        }

        private Unit unitOf(TestDescriptor d) {
            for (TestDescriptor t = d; t != null; t = t.getParent().orElse(null)) {
                Unit unit = units.get(t.getUniqueId());
                if (unit != null) {
                    return unit;
                }
            }
            return null;
        }

        private MirrorDescriptor mirror(TestDescriptor d) {
            MirrorDescriptor mirror = known.get(d);
            if (mirror != null) {
                return mirror;
            }
            Unit unit = units.get(d.getUniqueId());
            if (unit != null) {
                mirror = currentMirror(unit);
            } else {
                TestDescriptor jupiterParent = d.getParent().orElseThrow();
                TestDescriptor parent = isTopClass(jupiterParent) ? suite : mirror(jupiterParent);
                UniqueId id = parent.getUniqueId().append(d.getUniqueId().getLastSegment());
                mirror = suite.mirrorById(id).orElse(null);
                if (mirror == null) {
                    mirror = new MirrorDescriptor(id, d.getDisplayName(), d);
                    parent.addChild(mirror);
                    events.registered(mirror);
                }
            }
            known.put(d, mirror);
            return mirror;
        }

        private boolean isRoot(TestDescriptor d) {
            return d.getParent().isEmpty();
        }

        private boolean isTopClass(TestDescriptor d) {
            return d.getParent().map(p -> p.getParent().isEmpty()).orElse(false);
        }
    }

    /** What listeners get for a finished test: its result and the {@code handoff.result} outcome. */
    private record Reported(TestExecutionResult result, String outcome) {
        static Reported asIs(TestExecutionResult result) {
            return new Reported(
                    result,
                    switch (result.getStatus()) {
                        case SUCCESSFUL -> "passed";
                        case ABORTED -> "skipped";
                        case FAILED -> "failed";
                    });
        }
    }

    /** A test Jupiter is executing: its log, the capture target to restore, and its thread. */
    private record RunningTest(AttemptLog log, AttemptLog previousTarget, Thread thread) {}

    /** The worse of two results of one container in different rounds; later failures are suppressed into the first. */
    private static TestExecutionResult worse(TestExecutionResult earlier, TestExecutionResult later) {
        if (earlier == null) {
            return later;
        }
        if (later.getStatus().ordinal() > earlier.getStatus().ordinal()) {
            earlier.getThrowable().ifPresent(t -> later.getThrowable().ifPresent(l -> l.addSuppressed(t)));
            return later;
        }
        later.getThrowable().ifPresent(l -> earlier.getThrowable().ifPresent(t -> t.addSuppressed(l)));
        return earlier;
    }

    static String describe(Throwable failure) {
        if (failure == null) {
            return "no reason given";
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getName() : message;
    }
}
