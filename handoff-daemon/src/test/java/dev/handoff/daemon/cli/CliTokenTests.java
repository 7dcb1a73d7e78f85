package dev.handoff.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.PassingSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a daemon that requires tokens: HANDOFF_TOKEN is sent, and its absence is explained. */
class CliTokenTests {

    static final String TRIGGER = "cli-trigger-0123456789abcdef";

    @TempDir
    Path dataDir;

    private Handoff handoff;

    @BeforeEach
    void start() throws IOException {
        Path tokens = Files.writeString(dataDir.resolve("tokens"), "trigger " + TRIGGER + " ci\n");
        handoff = Daemons.started(
                Daemons.local(dataDir.resolve("db"), PassingSuite.class).apiTokens(tokens));
    }

    @AfterEach
    void stop() {
        handoff.close();
    }

    @Test
    void runAndSuitesSendTheTokenFromTheirVariable() {
        Map<String, String> env = Map.of(DaemonClient.TOKEN_VARIABLE, TRIGGER);

        Cli.Result run =
                Cli.run(env, "run", "PassingSuite", "--url", handoff.url().toString(), "--wait");
        Cli.Result suites = Cli.run(env, "suites", "--url", handoff.url().toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(suites.exitCode()).as(suites.err()).isEqualTo(ExitCode.OK);
        assertThat(suites.out()).contains("PassingSuite");
    }

    @Test
    void withoutATokenTheErrorSaysWhichVariableToSet() {
        Cli.Result suites = Cli.run(Map.of(), "suites", "--url", handoff.url().toString());

        assertThat(suites.exitCode()).isNotZero();
        assertThat(suites.err())
                .contains("needs an API token with role read")
                .contains("set HANDOFF_TOKEN to one of its API tokens");
        assertThat(suites.err().lines()).hasSize(1);
    }

    @Test
    void aWrongTokenIsOneLineNamingTheVariableItCameFrom() {
        Cli.Result suites = Cli.run(
                Map.of(DaemonClient.TOKEN_VARIABLE, "not-a-token-of-this-daemon"),
                "suites",
                "--url",
                handoff.url().toString());

        assertThat(suites.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(suites.err().lines().toList())
                .containsExactly(
                        "the bearer token is not one of this daemon's API tokens; check the token in HANDOFF_TOKEN");
    }
}
