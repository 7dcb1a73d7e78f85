package dev.handoff.daemon.cli;

import static dev.handoff.daemon.cli.CliServeOptionsTests.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.HistorySuite;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code handoff quarantine} and {@code handoff tests} against a real daemon. */
class CliQuarantineTests {

    @TempDir
    Path dataDir;

    @Test
    void quarantineListAndLiftATest() {
        try (Handoff handoff = Daemons.started(Daemons.local(dataDir, HistorySuite.class))) {
            Daemons api = new Daemons(handoff.url());
            String url = handoff.url().toString();

            Cli.Result put = Cli.run(
                    "quarantine",
                    "HistorySuite",
                    "quarantined",
                    "--reason",
                    "SANDBOX-7",
                    "--expires-in",
                    "7d",
                    "--url",
                    url);
            assertThat(put.exitCode()).as(put.err()).isEqualTo(ExitCode.OK);
            assertThat(put.out()).startsWith("Quarantined quarantined of HistorySuite until 20");

            long run = api.trigger("HistorySuite", "filter=%5Equarantined%24");
            assertThat(api.awaitFinished("HistorySuite", run).get("result").asText())
                    .isEqualTo("passed");

            Cli.Result tests = Cli.run("tests", "HistorySuite", "--url", url);
            assertThat(tests.exitCode()).isEqualTo(ExitCode.OK);
            assertThat(tests.out().lines())
                    .first()
                    .asString()
                    .startsWith("TEST")
                    .contains("STABILITY")
                    .contains("QUARANTINE");
            assertThat(tests.out().lines().filter(line -> line.startsWith("quarantined ")))
                    .singleElement()
                    .asString()
                    .contains("new")
                    .endsWith("SANDBOX-7");

            Cli.Result lift =
                    Cli.run("quarantine", "HistorySuite", "quarantined", "--lift", "--reason", "fixed", "--url", url);
            assertThat(lift.exitCode()).as(lift.err()).isEqualTo(ExitCode.OK);
            assertThat(api.get("/suites/HistorySuite/tests/quarantined").json().get("quarantineAudit"))
                    .hasSize(2);
        }
    }

    @Test
    void aQuarantineWithoutReasonOrOfAnUnknownTestIsOneLine() {
        try (Handoff handoff = Daemons.started(Daemons.local(dataDir, HistorySuite.class))) {
            String url = handoff.url().toString();
            assertOneLineError(
                    Cli.run("quarantine", "HistorySuite", "stable", "--url", url),
                    "quarantine needs --reason, such as a ticket: --reason JIRA-123");
            Cli.Result unknown = Cli.run("quarantine", "HistorySuite", "nope", "--reason", "x", "--url", url);
            assertThat(unknown.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(unknown.err().lines().toList())
                    .singleElement()
                    .asString()
                    .contains("suite 'HistorySuite' has no test 'nope' to quarantine");
        }
    }
}
