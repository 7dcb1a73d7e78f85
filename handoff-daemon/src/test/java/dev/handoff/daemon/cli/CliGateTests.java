package dev.handoff.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.FailingSuite;
import dev.handoff.daemon.fixtures.FlakySuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code handoff gate} against a real daemon: its exit code is the gate's verdict, 2 for errors. */
class CliGateTests {

    @TempDir
    Path dataDir;

    private Handoff handoff;
    private String url;

    @BeforeEach
    void start() {
        SlowSuite.release = new CountDownLatch(1);
        handoff = Daemons.started(
                Daemons.local(dataDir, PassingSuite.class, FlakySuite.class, FailingSuite.class, SlowSuite.class));
        url = handoff.url().toString();
    }

    @AfterEach
    void stop() {
        SlowSuite.release.countDown();
        handoff.close();
    }

    @Test
    void aPassingGateExitsZeroAndListsItsRuns() {
        Cli.Result gate =
                Cli.run("gate", "--url", url, "--suites", "PassingSuite,FlakySuite", "--ref", "v1.2.3", "--wait", "1m");

        assertThat(gate.exitCode()).as(gate.err()).isEqualTo(ExitCode.OK);
        assertThat(gate.out())
                .startsWith("Gate 1: " + url + "gates/1")
                .contains("  PassingSuite #1 passed: " + url + "suites/PassingSuite/runs/1")
                .contains("  FlakySuite #1 flaky: ")
                .contains("gate 1 passed: 2 of 2 runs ended");
    }

    @Test
    void aFailingGateExitsOne() {
        Cli.Result gate = Cli.run("gate", "--url", url, "--suites", "PassingSuite,FailingSuite", "--wait", "1m");

        assertThat(gate.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(gate.out()).contains("gate 1 failed: FailingSuite run 1 failed");
    }

    @Test
    void aStrictGateExitsOneOnAFlakyRun() {
        Cli.Result gate = Cli.run("gate", "--url", url, "--suites", "FlakySuite", "--strict", "--wait", "1m");

        assertThat(gate.exitCode()).isEqualTo(ExitCode.FAILED);
    }

    @Test
    void aGateWhoseTimeoutIsTheWaitTimesOutAndExitsOne() {
        Cli.Result gate = Cli.run("gate", "--url", url, "--suites", "SlowSuite", "--wait", "1s");

        assertThat(gate.exitCode()).as(gate.err()).isEqualTo(ExitCode.FAILED);
        assertThat(gate.out()).contains("gate 1 timed out after 1s");
    }

    @Test
    void aWaitShorterThanTheGatesTimeoutExitsTwoWhenItElapses() {
        Cli.Result gate = Cli.run("gate", "--url", url, "--suites", "SlowSuite", "--timeout", "5m", "--wait", "1s");

        assertThat(gate.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(gate.err()).contains("gate 1 has no verdict after 1s");
    }

    @Test
    void withoutWaitItPrintsTheGatesAddressAndExitsZero() {
        Cli.Result gate = Cli.run("gate", "--url", url, "--suites", "PassingSuite");

        assertThat(gate.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(gate.out()).isEqualTo("Gate 1: " + url + "gates/1" + System.lineSeparator());
    }

    @Test
    void anUnknownSuiteExitsTwoWithTheDaemonsReasonOnOneLine() {
        Cli.Result gate = Cli.run("gate", "--url", url, "--suites", "PassingSuite,NoSuchSuite", "--wait", "1m");

        assertThat(gate.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(gate.err().strip()).contains("NoSuchSuite").doesNotContain("\n");
    }
}
