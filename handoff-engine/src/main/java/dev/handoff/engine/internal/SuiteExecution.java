package dev.handoff.engine.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.handoff.api.internal.SuiteRunState;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.engine.support.store.NamespacedHierarchicalStore;

/**
 * Runs one suite: Jupiter executes the suite class once per attempt round (the first round runs
 * every test; each later round runs, together, the tests whose previous attempt failed). This
 * class is the attempt loop; {@link UnitSelection} picks the tests, {@link Round} translates
 * Jupiter's events into the events platform listeners see (failed attempts that will be retried
 * and soft failures become {@code ABORTED}, setup failures skip the suite's tests with the reason),
 * {@link RoundDeadline} enforces the suite timeout and stop signals, and {@link ExecutionState}
 * holds what they share.
 *
 * <p>Each round runs {@code @BeforeAll}/{@code @AfterAll} again: a retried test gets a fresh
 * suite setup, as the Go project asks of setup code (keep it idempotent).
 */
@API(status = INTERNAL, since = "0.1")
public final class SuiteExecution {

    private final ExecutionState state;

    private SuiteExecution(SuiteDescriptor suite, ExecutionRequest request) {
        this.state = new ExecutionState(suite, request);
    }

    /** Runs the suites one after the other, with one output capture installed for all of them. */
    public static void runAll(List<SuiteDescriptor> suites, ExecutionRequest request) {
        OutputCapture.install();
        try {
            for (SuiteDescriptor suite : suites) {
                new SuiteExecution(suite, request).run();
            }
        } finally {
            OutputCapture.uninstall();
        }
    }

    /** Runs the suite; the output capture is installed by {@link #runAll}. */
    private void run() {
        state.events.started(state.suite);
        try {
            state.suite.discoveryFailure().ifPresent(failure -> {
                throw failure;
            });
            state.settings = SuiteSettings.of(state.suite.suiteClass(), state.request.getConfigurationParameters());
            state.setupLog.toConsole(state.settings.outputToConsole());
            state.traces = AttemptTraces.start(state.request.getConfigurationParameters(), state.settings.name());
            UnitSelection.select(state);
            runRounds();
        } catch (RuntimeException problem) {
            // Invalid settings, or a failure of the engine itself: the suite fails, the engine goes on.
            synchronized (state) {
                state.suiteFailures.add(problem);
                String reason = "not run: " + ExecutionState.describe(problem);
                if (state.units.values().stream().noneMatch(u -> state.events.isStarted(u.mirror))) {
                    state.skipMirrorsNotRun(state.suite, reason);
                    state.units.values().forEach(u -> u.done = true);
                }
            }
        } finally {
            synchronized (state) {
                finishWhatIsLeft();
            }
        }
    }

    private void runRounds() {
        SuiteSettings settings = state.settings;
        Instant deadline = settings.timeout().map(t -> Instant.now().plus(t)).orElse(null);
        TestDescriptor tree = state.suite.jupiterRoot();
        int mostAttempts =
                state.units.values().stream().mapToInt(u -> u.maxAttempts).max().orElse(1);
        for (int attempt = 1; attempt <= mostAttempts; attempt++) {
            List<Unit> round =
                    state.units.values().stream().filter(u -> !u.done).toList();
            if (round.isEmpty()) {
                return;
            }
            if (deadline != null && !Instant.now().isBefore(deadline)) {
                state.stopReason = settings.timeoutReason();
                return;
            }
            if (settings.stopRequested().isPresent()) {
                state.stopReason = settings.stopRequested().get();
                return;
            }
            if (attempt > 1) {
                tree = rediscover(round);
            }
            for (Unit unit : round) {
                unit.begin(attempt);
            }
            if (!executeRoundToTheEnd(tree, attempt, deadline, round)) {
                return;
            }
        }
    }

    /**
     * Runs a round, and when an error ended it early (an {@link OutOfMemoryError}, which Jupiter
     * passes up instead of failing the test with it), runs the round's tests that had not started
     * yet in a round of their own: the test that was running fails with the error, the others still
     * run if the JVM recovered, and the suite fails with the error. False when the suite timeout
     * ended the round, or when the error failed no test (it hit setup), which would only repeat.
     */
    private boolean executeRoundToTheEnd(TestDescriptor tree, int attempt, Instant deadline, List<Unit> round) {
        TestDescriptor roundTree = tree;
        List<Unit> left = round;
        while (true) {
            if (!executeRound(roundTree, attempt, deadline)) {
                return false;
            }
            Throwable crash = state.takeRoundCrash();
            if (crash == null) {
                return true;
            }
            boolean failedATest;
            synchronized (state) {
                failedATest = state.failRunningWith(crash, attempt);
            }
            left = left.stream().filter(u -> !u.done && !u.finishedThisAttempt).toList();
            if (left.isEmpty()) {
                return true;
            }
            if (!failedATest) {
                state.notRunReason = "not run: the suite ended with " + crash;
                return false;
            }
            roundTree = rediscover(left);
        }
    }

    /**
     * Jupiter's tree for a retry round: discovered from the suite's own selectors (so a single
     * selected invocation stays the only one), minus the tests not in this round.
     */
    private TestDescriptor rediscover(List<Unit> round) {
        SuiteDescriptor suite = state.suite;
        TestDescriptor tree = JupiterBridge.jupiter()
                .discover(
                        JupiterBridge.discoveryRequest(
                                suite.jupiterSelectors(),
                                state.request.getConfigurationParameters(),
                                suite.needsContextExtension(),
                                null,
                                suite.getUniqueId(),
                                state.request.getOutputDirectoryCreator()),
                        SuiteDescriptor.jupiterRootId(suite.getUniqueId()));
        Set<UniqueId> inRound = new HashSet<>();
        round.forEach(u -> inRound.add(u.jupiterId));
        JupiterTrees.keepOnly(tree, inRound);
        return tree;
    }

    /** Runs one round; false when the suite timeout ended it. */
    private boolean executeRound(TestDescriptor tree, int attempt, Instant deadline) {
        SuiteRunState runState = new SuiteRunState(attempt);
        AttemptTraces traces = state.traces;
        runState.traceWith(traces::lookup);
        NamespacedHierarchicalStore<Namespace> store = JupiterBridge.requestStore(state.request);
        store.put(Namespace.create(SuiteRunState.NAMESPACE), SuiteRunState.KEY, runState);
        Round round = new Round(state, attempt);
        runState.logTo(round::log);
        ExecutionRequest inner = JupiterBridge.executionRequest(state.request, tree, round, store);
        try {
            if (deadline == null && state.settings.stopSignal().isEmpty()) {
                // No suite timeout and no stop signal: nothing can abandon the round, so it runs on this thread.
                JupiterBridge.jupiter().execute(inner);
                return true;
            }
            return new RoundDeadline(state).execute(inner, attempt, deadline, runState, round);
        } catch (RuntimeException | LinkageError crash) {
            synchronized (state) {
                state.suiteFailures.add(crash);
            }
            return true;
        } catch (VirtualMachineError crash) {
            // Jupiter passes an OutOfMemoryError up rather than fail the test with it: the round ends here.
            state.roundCrashed(crash);
            return true;
        } finally {
            store.close();
        }
    }

    /** After the last round: what never got a result gets one, and open containers close. */
    private void finishWhatIsLeft() {
        String reason = state.stopReason != null ? state.stopReason : state.notRunReason;
        for (Unit unit : state.units.values()) {
            if (unit.pendingRetry) {
                unit.attempt++;
                unit.pendingRetry = false;
            }
            state.failUnfinished(unit, reason);
        }
        for (TestDescriptor open : state.events.openInnermostFirst()) {
            if (open == state.suite) {
                continue;
            }
            TestExecutionResult result = state.deferredContainers.getOrDefault(
                    open,
                    open.isTest()
                            ? TestExecutionResult.failed(ExecutionState.timeout(reason, null))
                            : TestExecutionResult.successful());
            state.deferredContainers.remove(open);
            state.events.finished(open, result);
        }
        state.publishSetupLog();
        if (state.stopReason != null) {
            state.suiteFailures.add(0, ExecutionState.timeout(state.stopReason, null));
        }
        TestExecutionResult result = TestExecutionResult.successful();
        if (!state.suiteFailures.isEmpty()) {
            Throwable first = state.suiteFailures.get(0);
            state.suiteFailures.stream().skip(1).forEach(first::addSuppressed);
            result = TestExecutionResult.failed(first);
        }
        if (state.traces != null) {
            state.traces.finish(!state.suiteFailures.isEmpty(), state.suiteFailures);
        }
        state.events.finished(state.suite, result);
    }
}
