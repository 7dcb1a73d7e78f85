package dev.handoff.daemon.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A run with what its page shows: every test's latest attempt, in the order tests first finished,
 * and the setup log.
 *
 * @param setupLog log lines of suite setup and teardown ({@code @BeforeAll}, {@code @AfterAll}),
 *     of every execution of the run
 * @param values context values hooks added to the run once it finished
 * @param running the tests it is executing right now, longest-running first, as the executing
 *     daemon last wrote them (a fraction of a second behind); empty once it finished
 */
@API(status = API.Status.EXPERIMENTAL)
public record RunDetail(
        SuiteRun run,
        List<TestSummary> tests,
        String setupLog,
        Map<String, String> values,
        List<RunningTest> running,
        List<Execution> executions) {

    public RunDetail {
        Objects.requireNonNull(run, "run");
        tests = List.copyOf(tests);
        Objects.requireNonNull(setupLog, "setupLog");
        values = Map.copyOf(values);
        running = List.copyOf(running);
        executions = List.copyOf(executions);
    }

    /** A run whose executions are not known apart: one, from the run's start to its end. */
    public RunDetail(
            SuiteRun run,
            List<TestSummary> tests,
            String setupLog,
            Map<String, String> values,
            List<RunningTest> running) {
        this(
                run,
                tests,
                setupLog,
                values,
                running,
                run.startedAt()
                        .map(start -> List.of(new Execution(run.execution(), start, run.finishedAt())))
                        .orElse(List.of()));
    }

    /** A run not executing any test right now. */
    public RunDetail(SuiteRun run, List<TestSummary> tests, String setupLog, Map<String, String> values) {
        this(run, tests, setupLog, values, List.of());
    }

    /** A run no hook added values to. */
    public RunDetail(SuiteRun run, List<TestSummary> tests, String setupLog) {
        this(run, tests, setupLog, Map.of());
    }
}
