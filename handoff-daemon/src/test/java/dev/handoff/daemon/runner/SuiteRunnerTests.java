package dev.handoff.daemon.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.handoff.daemon.Runs;
import dev.handoff.daemon.fixtures.FailingSuite;
import dev.handoff.daemon.fixtures.FlakySuite;
import dev.handoff.daemon.fixtures.ParameterizedSuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.SetupFailureSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import dev.handoff.daemon.fixtures.SoftSuite;
import dev.handoff.daemon.run.Attempt;
import dev.handoff.daemon.run.AttemptResult;
import dev.handoff.daemon.run.Failure;
import dev.handoff.daemon.run.RunOutcome;
import dev.handoff.daemon.run.RunResult;
import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.store.InMemoryRunStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SuiteRunnerTests {

    private static SuiteCatalog catalog;

    private final InMemoryRunStore store = new InMemoryRunStore();
    private final SuiteRunner runner = new SuiteRunner(catalog, store, Clock.systemUTC());

    @BeforeAll
    static void discover() {
        catalog = SuiteCatalog.fromClasses(List.of(PassingSuite.class, FlakySuite.class, FailingSuite.class,
                SoftSuite.class, SetupFailureSuite.class, SlowSuite.class, ParameterizedSuite.class));
    }

    @AfterEach
    void stop() {
        SlowSuite.release.countDown();
        runner.close();
    }

    @Test
    void runWhoseTestsAllPassPasses() {
        SuiteRun run = run("PassingSuite");

        assertThat(run.result()).isEqualTo(RunResult.PASSED);
        assertThat(run.attempts()).extracting(Attempt::test, Attempt::number, Attempt::result).containsExactlyInAnyOrder(
                tuple("logsItsRunNumber", 1, AttemptResult.PASSED),
                tuple("passes", 1, AttemptResult.PASSED));
    }

    @Test
    void attemptLogHoldsContextLinesAndPrintedOutput() {
        Attempt attempt = attempt(run("PassingSuite"), "logsItsRunNumber", 1);

        assertThat(attempt.log()).contains(" log run 1\n", " stdout printed to stdout\n");
    }

    @Test
    void runsAreNumberedPerSuiteAndTestsSeeTheirNumber() {
        run("PassingSuite");
        SuiteRun second = run("PassingSuite");
        SuiteRun other = run("FailingSuite");

        assertThat(second.id().number()).isEqualTo(2);
        assertThat(other.id().number()).isEqualTo(1);
        assertThat(attempt(second, "logsItsRunNumber", 1).log()).contains(" log run 2\n");
    }

    @Test
    void testPassingAfterAFailedAttemptMakesTheRunFlaky() {
        SuiteRun run = run("FlakySuite");

        assertThat(run.result()).isEqualTo(RunResult.FLAKY);
        Attempt first = attempt(run, "passesOnSecondAttempt", 1);
        assertThat(first.result()).isEqualTo(AttemptResult.RETRYING);
        assertThat(first.maxAttempts()).isEqualTo(3);
        assertThat(first.failure()).map(Failure::message).hasValueSatisfying(m -> assertThat(m).contains("not ready on attempt 1"));
        Attempt second = attempt(run, "passesOnSecondAttempt", 2);
        assertThat(second.result()).isEqualTo(AttemptResult.PASSED);
        assertThat(second.flaky()).isTrue();
        assertThat(run.attempts()).noneMatch(a -> a.number() == 3);
    }

    @Test
    void failedLastAttemptFailsTheRun() {
        SuiteRun run = run("FailingSuite");

        assertThat(run.result()).isEqualTo(RunResult.FAILED);
        Attempt failed = attempt(run, "fails", 1);
        assertThat(failed.result()).isEqualTo(AttemptResult.FAILED);
        assertThat(failed.soft()).isFalse();
        Failure failure = failed.failure().orElseThrow();
        assertThat(failure.message()).isEqualTo("expected status 200 but was 503");
        assertThat(failure.stackTrace()).contains("FailingSuite.fails");
    }

    @Test
    void softFailureDoesNotFailTheRun() {
        SuiteRun run = run("SoftSuite");

        assertThat(run.result()).isEqualTo(RunResult.PASSED);
        Attempt soft = attempt(run, "failsSoftly", 1);
        assertThat(soft.result()).isEqualTo(AttemptResult.SOFT_FAILED);
        assertThat(soft.soft()).isTrue();
        assertThat(soft.failure()).map(Failure::message).hasValueSatisfying(m -> assertThat(m).contains("latency above 200 ms"));
    }

    @Test
    void failedSetupFailsTheRunAndSkipsItsTests() {
        SuiteRun run = run("SetupFailureSuite");

        assertThat(run.result()).isEqualTo(RunResult.FAILED);
        RunOutcome outcome = run.outcome().orElseThrow();
        assertThat(outcome.suiteFailure()).map(Failure::message).hasValue("system under test is down");
        assertThat(outcome.setupLog()).contains(" log connecting to the system under test\n");
        Attempt skipped = attempt(run, "neverRuns", 1);
        assertThat(skipped.result()).isEqualTo(AttemptResult.SKIPPED);
        assertThat(skipped.failure()).map(Failure::message).hasValueSatisfying(m -> assertThat(m).contains("system under test is down"));
    }

    @Test
    void parameterizedTestIsRecordedPerInvocationAndAsAWhole() {
        SuiteRun run = run("ParameterizedSuite");

        assertThat(run.result()).isEqualTo(RunResult.FLAKY);
        assertThat(run.attempts()).extracting(Attempt::test, Attempt::number, Attempt::result).containsExactly(
                tuple("checks/[1] stable", 1, AttemptResult.PASSED),
                tuple("checks/[2] flaky", 1, AttemptResult.RETRYING),
                tuple("checks", 1, AttemptResult.RETRYING),
                tuple("checks/[1] stable", 2, AttemptResult.PASSED),
                tuple("checks/[2] flaky", 2, AttemptResult.PASSED),
                tuple("checks", 2, AttemptResult.PASSED));
    }

    @Test
    void runWaitsPendingWhileAnotherRunsAndIsRunningWhileItsTestsExecute() {
        SlowSuite.release = new CountDownLatch(1);
        SuiteRun slow = runner.trigger("SlowSuite");
        SuiteRun queued = runner.trigger("PassingSuite");

        Runs.awaitResult(store, slow.id(), RunResult.RUNNING);
        assertThat(store.find(queued.id())).map(SuiteRun::result).hasValue(RunResult.PENDING);

        SlowSuite.release.countDown();
        assertThat(Runs.awaitFinished(store, slow.id()).result()).isEqualTo(RunResult.PASSED);
        assertThat(Runs.awaitFinished(store, queued.id()).result()).isEqualTo(RunResult.PASSED);
    }

    @Test
    void unknownSuiteIsRejectedByName() {
        assertThatThrownBy(() -> runner.trigger("NoSuchSuite"))
                .isInstanceOf(UnknownSuiteException.class)
                .hasMessage("no suite named 'NoSuchSuite'");
    }

    private SuiteRun run(String suite) {
        return Runs.awaitFinished(store, runner.trigger(suite).id());
    }

    private static Attempt attempt(SuiteRun run, String test, int number) {
        return run.attempts().stream()
                .filter(a -> a.test().equals(test) && a.number() == number)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no attempt " + number + " of " + test + " in " + run.attempts()));
    }
}
