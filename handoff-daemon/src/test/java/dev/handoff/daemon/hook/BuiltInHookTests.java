package dev.handoff.daemon.hook;

import static dev.handoff.daemon.hook.HookTests.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.ToggleSuite;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slack, PagerDuty, GitHub commit statuses and CloudEvents webhooks against local receivers: the
 * exact payloads each service documents, when they are sent, retries, and secrets kept secret.
 */
class BuiltInHookTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUBLIC = "https://handoff.example/";
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path dataDir;

    private Handoff.Builder daemon() {
        return Daemons.local(dataDir, ToggleSuite.class)
                .publicUrl(URI.create(PUBLIC))
                .environment("staging-eu")
                .serviceLoaderHooks(false);
    }

    private static long run(Daemons api, boolean fail, String ref) {
        Daemons.Response response = api.postJson(
                "/suites/ToggleSuite/runs",
                "{\"ref\":\"" + ref + "\",\"initiatedBy\":\"ci\",\"parameters\":{\"fail\":\"" + fail + "\"}}");
        assertThat(response.status()).isEqualTo(201);
        long number = response.json().get("number").asLong();
        api.awaitFinished("ToggleSuite", number);
        return number;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    @Test
    void slackGetsAMessageWhenARunFailsAndWhenTheSuiteRecoversOnly() {
        try (Receiver slack = new Receiver(200);
                Handoff handoff = Daemons.started(daemon().slack(slack.url("/services/T000/B000/XXXX")))) {
            Daemons api = new Daemons(handoff.url());
            run(api, true, "a");
            run(api, true, "b");
            run(api, false, "c");
            run(api, false, "d");

            await(() -> slack.requests.size() == 3);
            assertThat(slack.requests).allSatisfy(request -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.path()).isEqualTo("/services/T000/B000/XXXX");
                assertThat(request.header("Content-Type")).isEqualTo("application/json");
            });
            assertThat(slack.bodies())
                    .containsExactly(
                            "{\"text\":\":red_circle: *ToggleSuite* failed in run #1 on staging-eu: 1 of 2 tests failed. "
                                    + "<https://handoff.example/suites/ToggleSuite/runs/1|Open run #1>\"}",
                            "{\"text\":\":red_circle: *ToggleSuite* failed in run #2 on staging-eu: 1 of 2 tests failed. "
                                    + "<https://handoff.example/suites/ToggleSuite/runs/2|Open run #2>\"}",
                            "{\"text\":\":large_green_circle: *ToggleSuite* recovered in run #3 on staging-eu: 2 of 2 tests passed. "
                                    + "<https://handoff.example/suites/ToggleSuite/runs/3|Open run #3>\"}");
        }
    }

    @Test
    void slackAndPagerDutyLinkTheFailedTestsTraceWithATraceUrl() {
        try (Receiver slack = new Receiver(200);
                Receiver pagerDuty = new Receiver(202);
                Handoff handoff = Daemons.started(daemon().slack(slack.url("/services/T000/B000/XXXX"))
                        .pagerDuty("R0UTINGKEY")
                        .pagerDutyUrl(URI.create(pagerDuty.url("/v2/enqueue")))
                        .traceUrl("https://tempo.example/trace/{traceId}"))) {
            Daemons api = new Daemons(handoff.url());
            run(api, true, "a");

            await(() -> slack.requests.size() == 1 && pagerDuty.requests.size() == 1);
            assertThat(json(slack.bodies().getFirst()).get("text").asText())
                    .matches("(?s).*<https://handoff\\.example/suites/ToggleSuite/runs/1\\|Open run #1>"
                            + " <https://tempo\\.example/trace/[0-9a-f]{32}\\|Trace of \\w+>");
            JsonNode links = json(pagerDuty.bodies().getFirst()).get("links");
            assertThat(links).hasSize(2);
            assertThat(links.get(1).get("href").asText()).matches("https://tempo\\.example/trace/[0-9a-f]{32}");
            assertThat(links.get(1).get("text").asText()).startsWith("Trace of ");
        }
    }

    @Test
    void pagerDutyTriggersOnFailureAndResolvesOnTheNextPassWithOneDedupKeyPerSuite() {
        try (Receiver pagerDuty = new Receiver(202);
                Handoff handoff = Daemons.started(
                        daemon().pagerDuty("R0UTINGKEY").pagerDutyUrl(URI.create(pagerDuty.url("/v2/enqueue"))))) {
            Daemons api = new Daemons(handoff.url());
            long failed = run(api, true, "v1");
            String finishedAt = api.run("ToggleSuite", failed).get("finishedAt").asText();
            run(api, false, "v2");
            run(api, false, "v3");

            await(() -> pagerDuty.requests.size() == 2);
            assertThat(pagerDuty.requests).extracting(Receiver.Request::path).containsOnly("/v2/enqueue");
            assertThat(json(pagerDuty.requests.get(0).body())).isEqualTo(json("""
                    {"routing_key":"R0UTINGKEY","event_action":"trigger","dedup_key":"handoff/shop/ToggleSuite",
                     "payload":{"summary":"ToggleSuite failed in run #1: 1 of 2 tests failed","source":"staging-eu",
                       "severity":"error","timestamp":"%s","component":"ToggleSuite","group":"shop","class":"e2e test suite",
                       "custom_details":{"run":1,"result":"failed","failed_tests":["checksOut"],"ref":"v1",
                         "initiated_by":"ci","caller":null,"environment":"staging-eu"}},
                     "client":"Handoff","client_url":"https://handoff.example/",
                     "links":[{"href":"https://handoff.example/suites/ToggleSuite/runs/1","text":"Run #1 of ToggleSuite"}]}
                    """.formatted(finishedAt)));
            assertThat(pagerDuty.requests.get(1).body())
                    .isEqualTo(
                            "{\"routing_key\":\"R0UTINGKEY\",\"event_action\":\"resolve\",\"dedup_key\":\"handoff/shop/ToggleSuite\"}");
        }
    }

    @Test
    void gitHubGetsPendingThenTheResultForRunsOfACommitSha() {
        try (Receiver gitHub = new Receiver(201);
                Handoff handoff = Daemons.started(daemon().gitHubStatus("acme/shop", "ghp_T0KEN")
                        .gitHubApiUrl(URI.create(gitHub.url("/api/v3"))))) {
            Daemons api = new Daemons(handoff.url());
            run(api, true, SHA);
            run(api, false, "release-1.0");
            run(api, false, SHA.toUpperCase());

            await(() -> gitHub.requests.size() == 4);
            assertThat(gitHub.requests).allSatisfy(request -> {
                assertThat(request.path()).isEqualTo("/api/v3/repos/acme/shop/statuses/" + SHA);
                assertThat(request.header("Authorization")).isEqualTo("Bearer ghp_T0KEN");
                assertThat(request.header("Accept")).isEqualTo("application/vnd.github+json");
                assertThat(request.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
            });
            assertThat(gitHub.bodies())
                    .containsExactly(
                            "{\"state\":\"pending\",\"target_url\":\"https://handoff.example/suites/ToggleSuite/runs/1\","
                                    + "\"description\":\"Run #1 is running\",\"context\":\"handoff/ToggleSuite\"}",
                            "{\"state\":\"failure\",\"target_url\":\"https://handoff.example/suites/ToggleSuite/runs/1\","
                                    + "\"description\":\"Run #1 failed: 1 of 2 tests failed\",\"context\":\"handoff/ToggleSuite\"}",
                            "{\"state\":\"pending\",\"target_url\":\"https://handoff.example/suites/ToggleSuite/runs/3\","
                                    + "\"description\":\"Run #3 is running\",\"context\":\"handoff/ToggleSuite\"}",
                            "{\"state\":\"success\",\"target_url\":\"https://handoff.example/suites/ToggleSuite/runs/3\","
                                    + "\"description\":\"Run #3 passed: 2 of 2 tests passed\",\"context\":\"handoff/ToggleSuite\"}");
        }
    }

    @Test
    void gitHubStatusesOfAGatesRunsNameTheGate() {
        try (Receiver gitHub = new Receiver(201);
                Handoff handoff = Daemons.started(daemon().gitHubStatus("acme/shop", "ghp_T0KEN")
                        .gitHubApiUrl(URI.create(gitHub.url("/api/v3"))))) {
            Daemons api = new Daemons(handoff.url());
            Daemons.Response gate = api.postJson(
                    "/gates?wait=20s",
                    "{\"suites\": [\"ToggleSuite\"], \"ref\": \"" + SHA + "\", \"parameters\": {\"fail\": \"false\"}}");
            assertThat(gate.json().get("verdict").asText()).isEqualTo("passed");

            await(() -> gitHub.requests.size() == 2);
            assertThat(gitHub.bodies())
                    .containsExactly(
                            "{\"state\":\"pending\",\"target_url\":\"https://handoff.example/suites/ToggleSuite/runs/1\","
                                    + "\"description\":\"Gate #1: Run #1 is running\",\"context\":\"handoff/gate-1/ToggleSuite\"}",
                            "{\"state\":\"success\",\"target_url\":\"https://handoff.example/suites/ToggleSuite/runs/1\","
                                    + "\"description\":\"Gate #1: Run #1 passed: 2 of 2 tests passed\","
                                    + "\"context\":\"handoff/gate-1/ToggleSuite\"}");
        }
    }

    @Test
    void theWebhookCarriesTheValuesEachTestSet() {
        try (Receiver webhook = new Receiver(204);
                Handoff handoff = Daemons.started(Daemons.local(dataDir, dev.handoff.daemon.fixtures.ValuesSuite.class)
                        .publicUrl(URI.create(PUBLIC))
                        .serviceLoaderHooks(false)
                        .webhook(webhook.url("/events")))) {
            Daemons api = new Daemons(handoff.url());
            Daemons.Response created = api.postJson("/suites/ValuesSuite/runs", "{}");
            long number = created.json().get("number").asLong();
            api.awaitFinished("ValuesSuite", number);
            JsonNode stored = api.get("/suites/ValuesSuite/runs/" + number + "/tests/setsAValue")
                    .json()
                    .get("attempts");
            assertThat(stored.get(0).get("values").toString()).isEqualTo("{\"fromTest\":\"x\"}");

            await(() -> webhook.requests.size() == 1);
            JsonNode tests = json(webhook.requests.get(0).body()).get("data").get("tests");
            java.util.Map<String, String> valuesByTest = new java.util.TreeMap<>();
            tests.forEach(test -> valuesByTest.put(
                    test.get("test").asText(), test.get("values").toString()));
            assertThat(valuesByTest)
                    .containsExactly(
                            java.util.Map.entry("setsAValue", "{\"fromTest\":\"x\"}"),
                            java.util.Map.entry("setsNone", "{}"));
        }
    }

    @Test
    void theWebhookGetsEachRunAsAStructuredCloudEvent() {
        try (Receiver webhook = new Receiver(204);
                Handoff handoff = Daemons.started(daemon().webhook(webhook.url("/events")))) {
            Daemons api = new Daemons(handoff.url());
            long number = run(api, true, "v9");
            JsonNode stored = api.run("ToggleSuite", number);

            await(() -> webhook.requests.size() == 1);
            Receiver.Request request = webhook.requests.get(0);
            assertThat(request.header("Content-Type")).isEqualTo("application/cloudevents+json; charset=utf-8");
            JsonNode event = json(request.body());
            assertThat(event.get("id").asText()).matches("[0-9a-f-]{36}");
            assertThat(event.get("time").asText())
                    .isEqualTo(stored.get("finishedAt").asText());
            ((com.fasterxml.jackson.databind.node.ObjectNode) event).remove(List.of("id", "time"));
            JsonNode data = event.get("data");
            assertThat(data.get("startedAt").asText())
                    .isEqualTo(stored.get("startedAt").asText());
            assertThat(data.get("tests")).hasSize(2);
            ((com.fasterxml.jackson.databind.node.ObjectNode) data).remove(List.of("startedAt", "finishedAt", "tests"));
            assertThat(event).isEqualTo(json("""
                    {"specversion":"1.0","source":"https://handoff.example/","type":"dev.handoff.suiterun.finished",
                     "subject":"suites/ToggleSuite/runs/1","datacontenttype":"application/json",
                     "data":{"suite":"ToggleSuite","namespace":"shop","number":1,"result":"failed","previousResult":null,
                       "ref":"v9","initiatedBy":"ci","caller":null,"environment":"staging-eu","parameters":{"fail":"true"},
                       "failureMessage":null,"counts":{"passed":1,"failed":1,"softFailed":0,"skipped":0,"flaky":0},
                       "url":"https://handoff.example/suites/ToggleSuite/runs/1"}}
                    """));
        }
    }

    @Test
    void aFailingReceiverIsTriedAgainWithTheSameEvent() {
        try (Receiver webhook = new Receiver(200).answering(503, 500);
                Handoff handoff = Daemons.started(daemon().webhook(webhook.url("/events")))) {
            Daemons api = new Daemons(handoff.url());
            run(api, false, "a");

            await(() -> webhook.requests.size() == 3);
            assertThat(webhook.bodies()).containsOnly(webhook.bodies().get(0));
            assertThat(handoff.metrics()).contains("handoff_hook_errors_total{hook=\"webhook\"} 0.0");
        }
    }

    @Test
    void aReceiverThatKeepsFailingCostsFourTriesAndOneCountedErrorWithoutItsSecretInTheLogs() {
        String secretPath = "/services/T000/B000/S3CRETPATH";
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + record.getThrown());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try (Receiver slack = new Receiver(500);
                Handoff handoff = Daemons.started(daemon().slack(slack.url(secretPath)))) {
            Daemons api = new Daemons(handoff.url());
            run(api, true, "a");

            await(() -> handoff.metrics().contains("handoff_hook_errors_total{hook=\"slack\"} 1.0"));
            assertThat(slack.requests).hasSize(4);
            assertThat(logged).anySatisfy(line -> assertThat(line).contains("hook 'slack'", "gave up", "500"));
            assertThat(logged).noneSatisfy(line -> assertThat(line).contains("S3CRETPATH"));
            assertThat(handoff.config().toString()).doesNotContain("S3CRETPATH");
        } finally {
            root.removeHandler(capture);
        }
    }

    @Test
    void settingsNeverShowEndpointsKeysOrTokens() {
        String settings = daemon().slack("https://hooks.slack.example/services/SECRET1")
                .pagerDuty("SECRET2")
                .gitHubStatus("acme/shop", "SECRET3")
                .webhook("https://events.example/SECRET4")
                .config()
                .toString();

        assertThat(settings)
                .contains("slack=on (hidden)", "pagerDuty=on (hidden)", "gitHub=acme/shop", "webhook=on (hidden)")
                .doesNotContain("SECRET");
    }

    @Test
    void badBuiltInSettingsStopTheBuildWithoutRepeatingTheSecret() {
        assertThatThrownBy(() -> daemon().slack("hooks.slack.example/SECRET").build())
                .hasMessage("slack(…) is not an absolute http(s) URL");
        assertThatThrownBy(() -> daemon().gitHubStatus("acme", "SECRET").build())
                .hasMessage("gitHubStatus(acme) is not of the form OWNER/REPO");
        assertThatThrownBy(() -> daemon().gitHubStatus("acme/shop", null).build())
                .hasMessage(
                        "gitHubStatus(acme/shop) needs its github token: a token that may write its commit statuses");
        assertThatThrownBy(() -> daemon().publicUrl(URI.create("/relative")).build())
                .hasMessage("publicUrl(/relative) is not an absolute http(s) URL");
    }
}
