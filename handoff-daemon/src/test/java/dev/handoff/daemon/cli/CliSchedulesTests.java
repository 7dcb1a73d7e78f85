package dev.handoff.daemon.cli;

import static dev.handoff.daemon.cli.CliServeOptionsTests.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.cli.FakeDaemon.Reply;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CliSchedulesTests {

    private static final String SCHEDULES = """
            {"schedules":[
              {"name":"nightly","suite":"CheckoutSuite","cron":"0 0 2 * * ?","every":null,"filter":null,"maxRuns":0,"until":null,
               "declared":true,"state":"active","nextFireTime":"2026-11-26T02:00:00Z","runCount":3,"skippedFires":0,
               "lastRun":{"suite":"CheckoutSuite","number":12,"result":"passed"},"startedAt":"2026-11-20T10:00:00Z","url":"/schedules/nightly"},
              {"name":"smoke","suite":"SearchSuite","cron":null,"every":"@every 5m","filter":"smoke.*","maxRuns":2,"until":null,
               "declared":false,"state":"completed","nextFireTime":null,"runCount":2,"skippedFires":1,
               "lastRun":null,"startedAt":"2026-11-20T10:00:00Z","url":"/schedules/smoke"}]}""";

    FakeDaemon daemon;

    @BeforeEach
    void startDaemon() throws IOException {
        daemon = FakeDaemon.start().on("GET", "/schedules", Reply.json(200, SCHEDULES));
    }

    @AfterEach
    void stopDaemon() {
        daemon.close();
    }

    @Test
    void tableListsEveryScheduleWithItsStateAndLastRun() {
        Cli.Result schedules = Cli.run("schedules", "--url", daemon.url());

        assertThat(schedules.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(schedules.out().lines())
                .containsExactly(
                        "SCHEDULE  SUITE          WHEN                       STATE      NEXT FIRE             RUNS  SKIPPED  LAST RUN",
                        "nightly   CheckoutSuite  cron 0 0 2 * * ?           active     2026-11-26T02:00:00Z  3     0        #12 passed",
                        "smoke     SearchSuite    every 5m (filter smoke.*)  completed  -                     2     1        -");
    }

    @Test
    void jsonIsTheDaemonsAnswer() {
        Cli.Result schedules = Cli.run("schedules", "--url", daemon.url(), "--json");

        assertThat(schedules.out()).isEqualTo(SCHEDULES + System.lineSeparator());
    }

    @Test
    void noScheduleIsOneLine() {
        daemon.on("GET", "/schedules", Reply.json(200, "{\"schedules\":[]}"));

        assertThat(Cli.run("schedules", "--url", daemon.url()).out().lines())
                .containsExactly("The daemon has no schedules.");
    }

    @Test
    void httpErrorWithoutProblemIsOneLine() {
        daemon.on("GET", "/schedules", new Reply(500, "text/plain", "oops"));

        assertOneLineError(
                Cli.run("schedules", "--url", daemon.url()), "GET " + daemon.url() + "schedules answered HTTP 500");
    }
}
