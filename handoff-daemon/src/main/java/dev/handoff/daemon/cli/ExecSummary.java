package dev.handoff.daemon.cli;

import java.util.List;

/**
 * What {@code exec} ran and how it ended; {@code --json} writes it as is.
 *
 * @param result {@code passed}, {@code flaky} or {@code failed}, over every suite
 */
record ExecSummary(String result, List<SuiteOutcome> suites) {

    ExecSummary {
        suites = List.copyOf(suites);
    }

    /** @param result {@code passed}, {@code flaky}, {@code failed}, or {@code skipped} for a disabled suite */
    record SuiteOutcome(String name, String result, List<TestOutcome> tests) {

        SuiteOutcome {
            tests = List.copyOf(tests);
        }
    }

    /** @param result its latest attempt's result */
    record TestOutcome(String name, String result, int attempts) {}

    boolean failed() {
        return result.equals("failed");
    }
}
