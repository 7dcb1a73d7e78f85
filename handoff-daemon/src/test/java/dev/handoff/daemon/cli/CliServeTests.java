package dev.handoff.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code handoff serve} as a process of its own, as it is deployed. */
class CliServeTests {

    private static final String LISTENING = "Handoff listening on ";

    @TempDir
    Path temp;

    @Test
    void servedSuiteRunsOverRestAndSigtermStopsGracefullyWithExitZero() throws Exception {
        try (HandoffProcess serve = HandoffProcess.start(
                temp,
                "serve",
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--data-dir",
                temp.resolve("data").toString(),
                "--suites",
                CliExecTests.FIXTURES,
                "--shutdown-grace",
                "5s")) {
            String url = serve.awaitLine(LISTENING).substring(LISTENING.length());

            Cli.Result run = Cli.run("run", "PassingSuite", "--url", url, "--wait", "--timeout", "30s");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
            assertThat(run.out()).contains("PASS  passes", "PassingSuite #1 passed");
            assertThat(serve.terminate(Duration.ofSeconds(20)))
                    .as(serve.stderr())
                    .isZero();
            assertThat(serve.stdout()).contains("Handoff stopped");
        }
    }

    @Test
    void portInUseIsOneLineAndExitTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                HandoffProcess serve = HandoffProcess.start(
                        temp,
                        "serve",
                        "--port",
                        Integer.toString(taken.getLocalPort()),
                        "--host",
                        "127.0.0.1",
                        "--data-dir",
                        temp.resolve("data").toString(),
                        "--suites",
                        CliExecTests.FIXTURES)) {

            assertThat(serve.awaitExit(Duration.ofMinutes(1))).isEqualTo(ExitCode.ERROR);
            assertThat(serve.stderr().lines().toList())
                    .isEqualTo(List.of("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": Address already in use; stop what listens there or give another --port"));
        }
    }
}
