package dev.handoff.daemon.run;

import static dev.handoff.daemon.run.AttemptResult.FAILED;
import static dev.handoff.daemon.run.AttemptResult.PASSED;
import static dev.handoff.daemon.run.AttemptResult.RETRYING;
import static dev.handoff.daemon.run.AttemptResult.SKIPPED;
import static dev.handoff.daemon.run.AttemptResult.SOFT_FAILED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunResultTests {

    @Test
    void runWithoutTestsPasses() {
        assertThat(RunResult.of(List.of(), false)).isEqualTo(RunResult.PASSED);
    }

    @Test
    void suiteFailureFailsTheRunEvenWhenEveryTestPassed() {
        assertThat(RunResult.of(List.of(attempt("a", 1, PASSED)), true)).isEqualTo(RunResult.FAILED);
    }

    @Test
    void failedLastAttemptFailsTheRun() {
        var attempts = List.of(attempt("a", 1, RETRYING), attempt("a", 2, FAILED), attempt("b", 1, PASSED));

        assertThat(RunResult.of(attempts, false)).isEqualTo(RunResult.FAILED);
    }

    @Test
    void passingAfterAFailedAttemptMakesTheRunFlaky() {
        var attempts = List.of(attempt("a", 1, RETRYING), attempt("b", 1, PASSED), attempt("a", 2, PASSED));

        assertThat(RunResult.of(attempts, false)).isEqualTo(RunResult.FLAKY);
    }

    @Test
    void softFailuresAndSkippedTestsDoNotFailTheRun() {
        var attempts = List.of(attempt("a", 1, SOFT_FAILED), attempt("b", 1, SKIPPED), attempt("c", 1, PASSED));

        assertThat(RunResult.of(attempts, false)).isEqualTo(RunResult.PASSED);
    }

    @Test
    void flakyTestDoesNotHideAFailedOne() {
        var attempts = List.of(attempt("a", 1, RETRYING), attempt("a", 2, PASSED), attempt("b", 1, FAILED));

        assertThat(RunResult.of(attempts, false)).isEqualTo(RunResult.FAILED);
    }

    private static Attempt attempt(String test, int number, AttemptResult result) {
        return new Attempt(test, number, 2, result, false, false, Duration.ZERO, Optional.empty(), "");
    }
}
