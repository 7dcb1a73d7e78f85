package dev.handoff.daemon.cli;

import static dev.handoff.daemon.cli.CliServeOptionsTests.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.cli.FakeDaemon.Reply;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CliSuitesTests {

    private static final String SUITES = """
            {"suites":[
              {"name":"CheckoutSuite","namespace":"shop","description":"","labels":[],"tests":["pays","ships"],"maxAttempts":1,
               "timeout":null,"latestRun":{"suite":"CheckoutSuite","number":12,"result":"flaky"},"url":"/suites/CheckoutSuite"},
              {"name":"SearchSuite","namespace":"default","description":"","labels":[],"tests":["finds"],"maxAttempts":3,
               "timeout":"5m","latestRun":null,"url":"/suites/SearchSuite"}]}""";

    FakeDaemon daemon;

    @BeforeEach
    void startDaemon() throws IOException {
        daemon = FakeDaemon.start().on("GET", "/suites", Reply.json(200, SUITES));
    }

    @AfterEach
    void stopDaemon() {
        daemon.close();
    }

    @Test
    void tableListsEverySuiteWithItsLastRun() {
        Cli.Result suites = Cli.run("suites", "--url", daemon.url());

        assertThat(suites.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(suites.out().lines())
                .containsExactly(
                        "SUITE          NAMESPACE  TESTS  LAST RESULT  LAST RUN",
                        "CheckoutSuite  shop       2      flaky        #12",
                        "SearchSuite    default    1      never run    -");
    }

    @Test
    void jsonIsTheDaemonsAnswer() {
        Cli.Result suites = Cli.run("suites", "--url", daemon.url(), "--json");

        assertThat(suites.out()).isEqualTo(SUITES + System.lineSeparator());
    }

    @Test
    void httpErrorWithoutProblemIsOneLine() {
        daemon.on("GET", "/suites", new Reply(500, "text/plain", "oops"));

        assertOneLineError(
                Cli.run("suites", "--url", daemon.url()), "GET " + daemon.url() + "suites answered HTTP 500");
    }

    @Test
    void urlThatIsNotHttpIsOneLine() {
        assertOneLineError(
                Cli.run("suites", "--url", "localhost:1337"),
                "--url 'localhost:1337' is not an http:// or https:// address such as http://127.0.0.1:1337/");
    }

    @Test
    void aPageCopiedFromTheBrowserIsOneLineGivingTheDaemonsAddress() {
        assertOneLineError(
                Cli.run("suites", "--url", "http://127.0.0.1:1337/suites"),
                "--url 'http://127.0.0.1:1337/suites' is a page of the daemon; give the daemon's own address: http://127.0.0.1:1337/");
        assertOneLineError(
                Cli.run("run", "shop-smoke", "--url", "https://ci.example/handoff/schedules/nightly"),
                "--url 'https://ci.example/handoff/schedules/nightly' is a page of the daemon; give the daemon's own address:"
                        + " https://ci.example/handoff/");
    }
}
