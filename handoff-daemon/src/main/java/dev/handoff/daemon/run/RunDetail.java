package dev.handoff.daemon.run;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run with what its page shows: every test's latest attempt, in the order tests first finished,
 * and the setup log.
 *
 * @param setupLog log lines of suite setup and teardown ({@code @BeforeAll}, {@code @AfterAll}),
 *     of every execution of the run
 * @param values context values hooks added to the run once it finished
 */
public record RunDetail(SuiteRun run, List<TestSummary> tests, String setupLog, Map<String, String> values) {

    public RunDetail {
        Objects.requireNonNull(run, "run");
        tests = List.copyOf(tests);
        Objects.requireNonNull(setupLog, "setupLog");
        values = Map.copyOf(values);
    }

    /** A run no hook added values to. */
    public RunDetail(SuiteRun run, List<TestSummary> tests, String setupLog) {
        this(run, tests, setupLog, Map.of());
    }
}
