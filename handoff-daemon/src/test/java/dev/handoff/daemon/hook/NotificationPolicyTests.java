package dev.handoff.daemon.hook;

import static dev.handoff.daemon.hook.HookTests.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.Runs;
import dev.handoff.daemon.fixtures.FlakySuite;
import dev.handoff.daemon.fixtures.HistorySuite;
import dev.handoff.daemon.fixtures.ToggleSuite;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hooks' notification policies against local receivers: state change only, {@code failures N
 * within M}, no alert for a quarantined failure, and the Slack digest of flaky tests.
 */
class NotificationPolicyTests {

    private static final String PUBLIC = "https://handoff.example/";

    @TempDir
    Path dataDir;

    private Handoff.Builder daemon(Class<?>... suites) {
        return Daemons.local(dataDir, suites).publicUrl(URI.create(PUBLIC)).serviceLoaderHooks(false);
    }

    private static void toggle(Daemons api, boolean fail) {
        Daemons.Response response =
                api.postJson("/suites/ToggleSuite/runs", "{\"parameters\":{\"fail\":\"" + fail + "\"}}");
        assertThat(response.status()).isEqualTo(201);
        api.awaitFinished("ToggleSuite", response.json().get("number").asLong());
    }

    @Test
    void stateChangeOnlyTellsSlackOfTheFirstFailureAndTheRecoveryNotOfRepeats() {
        try (Receiver slack = new Receiver(200);
                Handoff handoff = Daemons.started(daemon(ToggleSuite.class)
                        .slack(slack.url("/hook"))
                        .hookSetting("slack", "notify", "state-change"))) {
            Daemons api = new Daemons(handoff.url());
            toggle(api, true); // 1: fails, a change
            toggle(api, true); // 2: still failing: quiet
            toggle(api, false); // 3: recovers, a change
            toggle(api, false); // 4: still passing: quiet
            toggle(api, true); // 5: fails again

            await(() -> slack.requests.size() == 3);
            Runs.sleep();
            assertThat(slack.bodies()).hasSize(3);
            assertThat(slack.bodies().get(0)).contains("failed in run #1");
            assertThat(slack.bodies().get(1)).contains("recovered in run #3");
            assertThat(slack.bodies().get(2)).contains("failed in run #5");
        }
    }

    @Test
    void pagerDutyPagesOnlyAfterNFailuresWithinTheWindowAndResolvesOnce() {
        try (Receiver pagerDuty = new Receiver(202);
                Handoff handoff = Daemons.started(daemon(ToggleSuite.class)
                        .pagerDuty("R0UTINGKEY")
                        .pagerDutyUrl(URI.create(pagerDuty.url("/v2/enqueue")))
                        .hookSetting("pagerduty", "failures", "2 within 1h")
                        .hookSetting("pagerduty", "notify", "state-change"))) {
            Daemons api = new Daemons(handoff.url());
            toggle(api, true); // 1: one failure: not yet
            toggle(api, true); // 2: two within the hour: page
            toggle(api, true); // 3: still paging: quiet
            toggle(api, false); // 4: resolve
            toggle(api, false); // 5: quiet

            await(() -> pagerDuty.requests.size() == 2);
            Runs.sleep();
            assertThat(pagerDuty.bodies()).hasSize(2);
            assertThat(pagerDuty.bodies().get(0))
                    .contains("\"event_action\":\"trigger\"")
                    .contains("failed in run #2");
            assertThat(pagerDuty.bodies().get(1)).contains("\"event_action\":\"resolve\"");
        }
    }

    @Test
    void aQuarantinedFailureNeverPages() {
        try (Receiver pagerDuty = new Receiver(202);
                Handoff handoff = Daemons.started(daemon(HistorySuite.class)
                        .pagerDuty("R0UTINGKEY")
                        .pagerDutyUrl(URI.create(pagerDuty.url("/v2/enqueue"))))) {
            Daemons api = new Daemons(handoff.url());
            assertThat(api.putJson(
                                    "/suites/HistorySuite/tests/quarantined/quarantine",
                                    "{\"reason\": \"sandbox down\"}")
                            .status())
                    .isEqualTo(200);
            long quarantined = api.postJson("/suites/HistorySuite/runs", "{\"filter\": \"^quarantined$\"}")
                    .json()
                    .get("number")
                    .asLong();
            assertThat(api.awaitFinished("HistorySuite", quarantined)
                            .get("result")
                            .asText())
                    .isEqualTo("passed");
            long broken = api.postJson(
                            "/suites/HistorySuite/runs",
                            "{\"filter\": \"^broken$\", \"parameters\": {\"broken\": \"true\"}}")
                    .json()
                    .get("number")
                    .asLong();
            assertThat(api.awaitFinished("HistorySuite", broken).get("result").asText())
                    .isEqualTo("failed");

            await(() -> pagerDuty.requests.size() == 1);
            Runs.sleep();
            assertThat(pagerDuty.bodies()).hasSize(1);
            assertThat(pagerDuty.bodies().get(0)).contains("failed in run #" + broken);
        }
    }

    @Test
    void slackGetsADigestOfFlakyTestsEveryNRuns() {
        try (Receiver slack = new Receiver(200);
                Handoff handoff = Daemons.started(daemon(FlakySuite.class)
                        .stabilityMinRuns(1)
                        .slack(slack.url("/hook"))
                        .hookSetting("slack", "digest", "every 2 runs"))) {
            Daemons api = new Daemons(handoff.url());
            for (int run = 1; run <= 4; run++) {
                api.awaitFinished("FlakySuite", api.trigger("FlakySuite", ""));
            }

            await(() -> slack.requests.size() == 2);
            Runs.sleep();
            assertThat(slack.bodies()).hasSize(2);
            assertThat(slack.bodies().get(0))
                    .contains("Flaky tests of *FlakySuite* after run #2")
                    .contains("passesOnSecondAttempt: flaky, passed after retries in 2 of 2 runs")
                    .doesNotContain("passes:");
            assertThat(slack.bodies().get(1)).contains("after run #4").contains("in 4 of 4 runs");
        }
    }

    @Test
    void aDailyDigestIsSentOnceADayAndNotAgainAfterARestart() {
        try (Receiver slack = new Receiver(200)) {
            for (int start = 0; start < 2; start++) {
                try (Handoff handoff = Daemons.started(daemon(FlakySuite.class)
                        .stabilityMinRuns(1)
                        .slack(slack.url("/hook"))
                        .hookSetting("slack", "digest.FlakySuite", "daily"))) {
                    Daemons api = new Daemons(handoff.url());
                    api.awaitFinished("FlakySuite", api.trigger("FlakySuite", ""));
                    api.awaitFinished("FlakySuite", api.trigger("FlakySuite", ""));
                    await(() -> !slack.requests.isEmpty());
                }
            }
            Runs.sleep();
            assertThat(slack.bodies()).hasSize(1);
            assertThat(slack.bodies().get(0)).contains("after run #1");
        }
    }

    @Test
    void aBadPolicyStopsTheStartNamingTheSetting() {
        Handoff.Builder badThreshold = daemon(ToggleSuite.class)
                .slack("http://127.0.0.1:9/hook")
                .hookSetting("slack", "failures", "two within 5m");
        assertThatThrownBy(badThreshold::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slack.failures 'two within 5m' must read N within DURATION");
        Handoff.Builder digestOnPagerDuty =
                daemon(ToggleSuite.class).pagerDuty("R0UTINGKEY").hookSetting("pagerduty", "digest", "daily");
        assertThatThrownBy(digestOnPagerDuty::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only the slack hook sends digests");
    }

    @Test
    void theWindowOfFailuresIsTimeAndASuiteMayHaveItsOwnPolicy() {
        java.util.Map<String, String> settings = java.util.Map.of(
                "failures", "2 within 15m", "notify.quiet", "state-change", "failures.quiet", "1 within 1m");
        NotificationPolicy shop = NotificationPolicy.of("pagerduty", "shop", settings);
        NotificationPolicy quiet = NotificationPolicy.of("pagerduty", "quiet", settings);
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        var failedNow = run("shop", "failed", now);
        var fresh = java.util.List.of(
                new NotificationPolicy.PastRun(true, now), new NotificationPolicy.PastRun(true, now.minusSeconds(600)));
        var stale = java.util.List.of(
                new NotificationPolicy.PastRun(true, now),
                new NotificationPolicy.PastRun(true, now.minusSeconds(1200)));

        assertThat(shop.delivers(failedNow, fresh)).isTrue();
        assertThat(shop.delivers(failedNow, stale)).isFalse();
        assertThat(quiet.stateChangeOnly()).isTrue();
        assertThat(quiet.failures()).isEqualTo(1);
        assertThat(quiet.within()).isEqualTo(Duration.ofMinutes(1));
        assertThat(shop.stateChangeOnly()).isFalse();
    }

    private static dev.handoff.api.FinishedRun run(String suite, String result, Instant finishedAt) {
        return new dev.handoff.api.FinishedRun(
                suite,
                "default",
                3,
                result,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                "api",
                java.util.Optional.empty(),
                "",
                java.util.Map.of(),
                java.util.Optional.of(finishedAt.minusSeconds(5)),
                finishedAt,
                java.util.Optional.empty(),
                new dev.handoff.api.FinishedRun.Counts(0, 1, 0, 0, 0),
                java.util.List.of(),
                URI.create(PUBLIC + "suites/" + suite + "/runs/3"));
    }
}
