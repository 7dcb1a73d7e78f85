package dev.handoff.daemon.execution;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.handoff.daemon.capture.AttemptWriter;
import dev.handoff.daemon.capture.RunRecorder;
import dev.handoff.daemon.discovery.TestFilter;
import dev.handoff.daemon.fork.ForkRequest;
import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.RunningTest;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import dev.handoff.daemon.model.TestSummary;
import dev.handoff.daemon.store.Outage;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.engine.HandoffTestEngine;
import dev.handoff.engine.StopSignal;
import io.opentelemetry.api.trace.Span;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One execution of a claimed run with the JUnit Platform Launcher: works out which tests it still
 * owes (all of the filter's tests for a new run; after a restart, those without a final attempt;
 * for a retry, the failed ones), runs them, and ends the run.
 */
@API(status = API.Status.INTERNAL)
public final class RunExecution {

    /** The results a retry leaves alone. */
    private static final Set<AttemptResult> DONE = EnumSet.of(AttemptResult.PASSED, AttemptResult.SOFT_FAILED);

    static final String CANCELLED = "run cancelled";
    static final String SHUTTING_DOWN = "daemon shutting down; the run resumes when it is back";

    private final SuiteRun run;
    private final Suite suite;
    private final RunStore store;
    private final Clock clock;
    private final StopSignal signal = StopSignal.open();
    private volatile RunRecorder recorder;
    private volatile AttemptWriter writer;
    private volatile boolean cancelled;
    private volatile boolean detached;
    /** Present when each run executes in a JVM of its own ({@code --isolation fork}). */
    private final Optional<ForkedRuns> forked;

    private final RunTracing tracing;

    RunExecution(SuiteRun run, Suite suite, RunStore store, Clock clock) {
        this(run, suite, store, clock, Optional.empty(), RunTracing.NONE);
    }

    RunExecution(
            SuiteRun run, Suite suite, RunStore store, Clock clock, Optional<ForkedRuns> forked, RunTracing tracing) {
        this.run = run;
        this.suite = suite;
        this.store = store;
        this.clock = clock;
        this.forked = forked;
        this.tracing = tracing;
    }

    RunId id() {
        return run.id();
    }

    /** Stops the run; it ends cancelled, with the tests that already finished kept. */
    void cancel() {
        cancelled = true;
        signal.stop(CANCELLED);
    }

    /** The tests this execution runs now; none once it was detached, as nothing more of it is recorded. */
    private List<RunningTest> runningTests() {
        RunRecorder current = recorder;
        return current == null || detached ? List.of() : current.running();
    }

    /**
     * Stops the run without ending it: nothing more is recorded, so the tests it did not finish
     * run again when the run resumes.
     */
    void detach() {
        detached = true;
        RunRecorder current = recorder;
        if (current != null) {
            current.detach();
        }
        AttemptWriter currentWriter = writer;
        if (currentWriter != null) {
            currentWriter.abandon();
        }
        signal.stop(SHUTTING_DOWN);
    }

    void execute(ClassLoader classLoader) {
        try (signal) {
            RunStore.Progress progress = untilStored("the start of run " + run.id(), () -> store.progress(run.id()));
            Optional<Failure> unusable =
                    run.execution() == 0 && progress.settled().isEmpty() ? unusableFilter() : Optional.empty();
            if (unusable.isPresent()) {
                untilStored(
                        "the end of run " + run.id(),
                        () -> store.finish(run.id(), RunResult.FAILED, clock.instant(), unusable, TestCounts.NONE));
                return;
            }
            if (run.execution() == 0) {
                List<Attempt> notSelected = notSelected(progress.settled());
                if (!notSelected.isEmpty()) {
                    untilStored("the tests run " + run.id() + " leaves out", () -> {
                        store.recordAttempts(run.id(), notSelected);
                        return null;
                    });
                }
            }
            Set<String> owed = owedTests(progress.settled());
            if (detached) {
                return;
            }
            if (owed.isEmpty() || cancelled) {
                end(Optional.empty(), "");
                return;
            }
            boolean everyTest = run.execution() == 0 && progress.settled().isEmpty();
            Span runSpan = tracing.start(run);
            Optional<RunResult> result = Optional.empty();
            try {
                result = executeTests(owed, progress.attemptCounts(), everyTest, runSpan, classLoader);
            } finally {
                RunTracing.end(runSpan, result);
            }
        }
    }

    /** Runs the owed tests under the run's span; the run's result once stored (empty when the daemon stopped first). */
    private Optional<RunResult> executeTests(
            Set<String> owed,
            Map<String, Integer> attemptsBefore,
            boolean everyTest,
            Span runSpan,
            ClassLoader classLoader) {
        {
            AttemptWriter writer = new AttemptWriter(run.id(), store, this::runningTests);
            this.writer = writer;
            if (detached) {
                writer.abandon();
            }
            try (writer) {
                Map<String, String> quarantined = untilStored(
                        "the quarantined tests of " + run.id().suite(),
                        () -> store.quarantinedTests(run.id().suite(), clock.instant()));
                recorder = new RunRecorder(
                        owed::contains, attemptsBefore, writer::add, writer::testStarted, clock, quarantined);
                if (detached) {
                    recorder.detach();
                }
                Map<String, String> configuration = configuration(owed, everyTest);
                configuration.putAll(tracing.configuration(runSpan, run));
                if (forked.isPresent()) {
                    new ForkedExecution(forked.get(), recorder, signal, classLoader)
                            .execute(new ForkRequest(suite.uniqueId(), configuration));
                } else {
                    launch(request(configuration), classLoader);
                }
            }
            if (!detached || cancelled) {
                return Optional.of(end(writer.failure().or(recorder::suiteFailure), recorder.setupLog()));
            }
            return Optional.empty();
        }
    }

    private void launch(LauncherDiscoveryRequest request, ClassLoader classLoader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(classLoader);
        try {
            // A launcher per execution: it loads engines and listeners through the suites' class loader.
            SuiteDeserialization.during(() -> LauncherFactory.create().execute(request, recorder));
        } catch (RuntimeException | LinkageError problem) {
            recorder.crashed(problem);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Why the run's filter cannot pick its tests here, when it cannot: the trigger was checked on a
     * replica of a cluster that lacks the suite (a rolling update), or the suite changed since. A
     * run that would run no test fails, rather than pass having tested nothing.
     */
    private Optional<Failure> unusableFilter() {
        try {
            run.request().filter().ifPresent(filter -> TestFilter.check(suite, filter));
            return Optional.empty();
        } catch (InvalidParameterException e) {
            return Optional.of(Failure.reason(e.getMessage()));
        }
    }

    /**
     * Stores the run's end, waiting for the database while it is unreachable: a run does not stay
     * running, nor end without its tests, because the database was away when its tests were done.
     * Only a stopping daemon gives up; the run then resumes at the next start.
     */
    private RunResult end(Optional<Failure> suiteFailure, String setupLog) {
        String what = "the end of run " + run.id();
        if (!setupLog.isEmpty()) {
            String header = run.execution() == 0 ? "" : "--- retry " + run.execution() + " ---\n";
            untilStored(what, () -> {
                store.appendSetupLog(run.id(), header + setupLog);
                return null;
            });
        }
        List<TestSummary> tests = untilStored(what, () -> store.tests(run.id()));
        if (cancelled) {
            untilStored(
                    what,
                    () -> store.finish(
                            run.id(),
                            RunResult.CANCELLED,
                            clock.instant(),
                            Optional.of(Failure.reason(CANCELLED)),
                            TestCounts.of(tests)));
            return RunResult.CANCELLED;
        }
        RunResult result = RunResult.of(tests, suiteFailure.isPresent());
        untilStored(what, () -> store.finish(run.id(), result, clock.instant(), suiteFailure, TestCounts.of(tests)));
        return result;
    }

    /** Waits out a database outage for this step, unless the daemon stops ({@link #detach()}). */
    private <T> T untilStored(String what, java.util.function.Supplier<T> step) {
        return Outage.untilDone(what, () -> detached, step);
    }

    /**
     * The suite's tests that the run's filter leaves out, each as a skipped attempt with the
     * reason: the run's page lists what the run did not cover, and they count as skipped (as in the
     * Go project, and as {@code exec} reports them from the engine). Stored before any test runs,
     * once: a resumed run finds them settled, a retry leaves them out of its scope.
     */
    private List<Attempt> notSelected(Set<String> settled) {
        Optional<String> filter = run.request().filter();
        if (filter.isEmpty()) {
            return List.of();
        }
        Set<String> selected = inScope(suite, run.request());
        Instant now = clock.instant();
        Failure reason = Failure.reason(notSelectedReason(filter.get()));
        return suite.tests().stream()
                .filter(test -> !selected.contains(test) && !settled.contains(test))
                .map(test -> new Attempt(
                        test,
                        1,
                        1,
                        AttemptResult.SKIPPED,
                        false,
                        false,
                        now,
                        now,
                        Optional.of(reason),
                        "",
                        List.of(),
                        Map.of()))
                .toList();
    }

    /** The reason a test the filter left out is skipped; the engine gives the same words. */
    static String notSelectedReason(String filter) {
        return "not selected by filter '" + filter + "'";
    }

    /** The tests this execution must still give a final attempt. */
    private Set<String> owedTests(Set<String> settled) {
        Set<String> scope = run.execution() == 0
                ? inScope(suite, run.request())
                : retriable(
                        suite, run.request(), untilStored("the start of run " + run.id(), () -> store.tests(run.id())));
        scope.removeAll(settled);
        return scope;
    }

    /** The suite's tests that the run's filter picks. */
    static Set<String> inScope(Suite suite, RunRequest request) {
        Optional<Pattern> filter = request.filter().map(Pattern::compile);
        Set<String> scope = new LinkedHashSet<>();
        suite.tests().stream()
                .filter(t -> filter.map(f -> f.matcher(t).find()).orElse(true))
                .forEach(scope::add);
        return scope;
    }

    /**
     * What a retry runs again: every test in the run's scope whose latest attempt did not pass or
     * fail softly, including tests that have no attempt at all.
     */
    public static Set<String> retriable(Suite suite, RunRequest request, List<TestSummary> tests) {
        Set<String> scope = inScope(suite, request);
        tests.stream()
                .filter(t -> DONE.contains(t.latest().result()))
                .map(TestSummary::test)
                .forEach(scope::remove);
        return scope;
    }

    /**
     * The run's configuration parameters for the engine: its number, stop signal, parameters and
     * which tests it runs.
     *
     * @param everyTest whether the execution owes every test in scope: then the run's own filter
     *     selects them, rather than a pattern listing thousands of names
     */
    private Map<String, String> configuration(Set<String> tests, boolean everyTest) {
        Map<String, String> configuration = new LinkedHashMap<>();
        configuration.put(HandoffTestEngine.RUN_NUMBER, Long.toString(run.id().number()));
        configuration.put(HandoffTestEngine.STOP_SIGNAL, signal.key());
        // The recorder keeps log lines and printed output with their attempt; the daemon's console is not the place for
        // them.
        configuration.put(HandoffTestEngine.LOG_TO_CONSOLE, "false");
        configuration.put(HandoffTestEngine.OUTPUT_TO_CONSOLE, "false");
        configuration.put(
                HandoffTestEngine.FILTER, everyTest ? run.request().filter().orElse("") : exactly(tests));
        run.request()
                .parameters()
                .forEach((name, value) -> configuration.put(HandoffTestEngine.PARAMETER_PREFIX + name, value));
        return configuration;
    }

    private LauncherDiscoveryRequest request(Map<String, String> configuration) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectUniqueId(suite.uniqueId()))
                .filters(EngineFilter.includeEngines(HandoffTestEngine.ENGINE_ID))
                .configurationParameters(configuration)
                .build();
    }

    /** A filter matching exactly these test names, however they are spelled. */
    static String exactly(Set<String> tests) {
        return tests.stream().map(Pattern::quote).collect(Collectors.joining("|", "^(?:", ")$"));
    }
}
