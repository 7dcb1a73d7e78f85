package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.HistorySuite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests' stability judged from a history written by real runs of {@link HistorySuite} (stable,
 * flaky, broken, recovered and quarantined tests), read through the daemon's HTTP API; quarantine
 * semantics in those runs; the stability metrics. One daemon and one history for the class: each
 * test reads it, none changes what another reads (the quarantine tests use the {@code stable} test
 * and lift what they put).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StabilityTests {

    private static final String SUITE = "HistorySuite";
    private static final int RUNS = 8;

    @TempDir
    static Path dataDir;

    private Handoff handoff;
    private Daemons api;
    private long lastRun;

    @BeforeAll
    void writeHistory() {
        handoff = Daemons.started(
                Daemons.local(dataDir, HistorySuite.class).stabilityMinRuns(4).brokenAfter(3));
        api = new Daemons(handoff.url());
        Daemons.Response quarantined = api.putJson(
                "/suites/" + SUITE + "/tests/quarantined/quarantine", "{\"reason\": \"SANDBOX-7: sandbox down\"}");
        assertThat(quarantined.status()).as(quarantined.body()).isEqualTo(200);
        for (int run = 1; run <= RUNS; run++) {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("flaky", Boolean.toString(run % 2 == 0)); // passes after a retry in 4 of 8 runs
            parameters.put("broken", Boolean.toString(run > 5)); // fails in the last 3 runs
            parameters.put("recovered", run <= 2 ? "fail" : "pass"); // failed twice, then recovered
            lastRun = trigger(parameters);
        }
    }

    @AfterAll
    void stop() {
        handoff.close();
    }

    private long trigger(Map<String, String> parameters) {
        StringBuilder json = new StringBuilder("{\"parameters\": {");
        parameters.forEach((name, value) ->
                json.append('"').append(name).append("\": \"").append(value).append("\","));
        json.setLength(json.length() - 1);
        json.append("}}");
        Daemons.Response response = api.postJson("/suites/" + SUITE + "/runs", json.toString());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        long number = response.json().get("number").asLong();
        api.awaitFinished(SUITE, number);
        return number;
    }

    private Map<String, JsonNode> tests() {
        Daemons.Response response = api.get("/suites/" + SUITE + "/tests");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        response.json().get("tests").forEach(test -> byName.put(test.get("test").asText(), test));
        return byName;
    }

    @Test
    void eachTestIsClassifiedFromItsHistory() {
        Map<String, JsonNode> tests = tests();

        assertThat(tests.get("stable").get("stability").asText()).isEqualTo("stable");
        assertThat(tests.get("flaky").get("stability").asText()).isEqualTo("flaky");
        assertThat(tests.get("broken").get("stability").asText()).isEqualTo("broken");
        assertThat(tests.get("recovered").get("stability").asText()).isEqualTo("stable");
        assertThat(tests.get("quarantined").get("stability").asText()).isEqualTo("broken");
    }

    @Test
    void countsAndRatesComeFromTheRuns() {
        JsonNode flaky = tests().get("flaky");
        assertThat(flaky.get("runs").asInt()).isEqualTo(RUNS);
        assertThat(flaky.get("passes").asInt()).isEqualTo(RUNS);
        assertThat(flaky.get("flakyPasses").asInt()).isEqualTo(4);
        assertThat(flaky.get("flakeRate").asDouble()).isEqualTo(0.5);
        assertThat(flaky.get("meanAttempts").asDouble()).isEqualTo(1.5);
        assertThat(flaky.get("failures").asInt()).isZero();

        JsonNode recovered = tests().get("recovered");
        assertThat(recovered.get("failures").asInt()).isEqualTo(2);
        assertThat(recovered.get("flipRate").asDouble()).isEqualTo(1.0 / (RUNS - 1));
        assertThat(recovered.get("lastFailureMessage").asText()).contains("search index not built");
        assertThat(recovered.get("stateChangedAt").isNull()).isFalse();

        JsonNode broken = tests().get("broken");
        assertThat(broken.get("failures").asInt()).isEqualTo(3);
        assertThat(broken.get("impact").asInt()).isEqualTo(3);
    }

    @Test
    void theListIsRankedByImpact() {
        List<String> order = List.copyOf(tests().keySet());
        // quarantined failed (softly) in all 8 runs, flaky was flaky in 4, broken failed in 3, recovered in 2
        assertThat(order).startsWith("quarantined", "flaky", "broken", "recovered");
    }

    @Test
    void aQuarantinedFailureLeavesTheRunPassedAndShowsAsQuarantined() {
        Daemons.Response created =
                api.postJson("/suites/" + SUITE + "/runs", "{\"filter\": \"^(stable|quarantined)$\"}");
        long number = created.json().get("number").asLong();
        JsonNode run = api.awaitFinished(SUITE, number);

        assertThat(run.get("result").asText()).isEqualTo("passed");
        JsonNode test = StreamSupport.stream(run.get("tests").spliterator(), false)
                .filter(t -> t.get("name").asText().equals("quarantined"))
                .findFirst()
                .orElseThrow();
        assertThat(test.get("result").asText()).isEqualTo("soft-failed");
        assertThat(test.get("soft").asBoolean()).isTrue();
        Daemons.Response attempts = api.get("/suites/" + SUITE + "/runs/" + number + "/tests/quarantined");
        assertThat(attempts.body()).contains("\"handoff.quarantined\":\"SANDBOX-7: sandbox down\"");
        Daemons.Response xml = api.get("/suites/" + SUITE + "/runs/" + number + "/junit.xml");
        assertThat(xml.body())
                .contains("<property name=\"quarantined.quarantined\" value=\"SANDBOX-7: sandbox down\"/>");

        JsonNode stability = tests().get("quarantined");
        assertThat(stability.get("quarantined").asBoolean()).isTrue();
        assertThat(stability.get("quarantine").get("reason").asText()).isEqualTo("SANDBOX-7: sandbox down");
        assertThat(stability.get("failures").asInt()).isZero();
        assertThat(stability.get("softFailures").asInt())
                .isEqualTo(stability.get("runs").asInt());
    }

    @Test
    void theTestDetailHasTheStripTheStabilityAndTheAuditList() {
        Daemons.Response detail = api.get("/suites/" + SUITE + "/tests/flaky?window=4");
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        JsonNode json = detail.json();
        assertThat(json.get("stability").get("runs").asInt()).isEqualTo(4);
        assertThat(json.get("strip")).hasSize(4);
        assertThat(json.get("strip").get(0).get("run").asLong()).isGreaterThanOrEqualTo(lastRun);
        assertThat(json.get("outcomes").size()).isGreaterThanOrEqualTo(RUNS);

        JsonNode quarantined =
                api.get("/suites/" + SUITE + "/tests/quarantined").json();
        assertThat(quarantined.get("quarantineAudit").get(0).get("action").asText())
                .isEqualTo("quarantined");
        assertThat(quarantined.get("quarantineAudit").get(0).get("reason").asText())
                .isEqualTo("SANDBOX-7: sandbox down");
    }

    @Test
    void aQuarantineIsPutWithAnExpiryAndLiftedWithAReasonAndBothAreAudited() {
        String path = "/suites/" + SUITE + "/tests/stable/quarantine";
        String expiry = Instant.now().plus(Duration.ofDays(7)).toString();
        Daemons.Response put = api.putJson(path, "{\"reason\": \"try\", \"expiresAt\": \"" + expiry + "\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("expiresAt").asText())
                .isEqualTo(Instant.parse(expiry).toString());
        assertThat(tests().get("stable").get("quarantined").asBoolean()).isTrue();

        assertThat(api.delete(path + "?reason=done").status()).isEqualTo(204);
        assertThat(api.delete(path).status()).isEqualTo(404);
        assertThat(tests().get("stable").get("quarantined").asBoolean()).isFalse();
        JsonNode audit = api.get("/suites/" + SUITE + "/tests/stable").json().get("quarantineAudit");
        assertThat(StreamSupport.stream(audit.spliterator(), false)
                        .map(event -> event.get("action").asText() + ":"
                                + event.get("reason").asText())
                        .toList())
                .containsExactly("quarantined:try", "lifted:done");
    }

    @Test
    void badQuarantinesAndWindowsAreProblemsNamingTheParameter() {
        String path = "/suites/" + SUITE + "/tests/stable/quarantine";
        assertProblem(api.putJson(path, "{}"), 400, "reason");
        assertProblem(api.putJson(path, "{\"reason\": \"x\", \"expiresAt\": \"tomorrow\"}"), 400, "expiresAt");
        assertProblem(
                api.putJson(path, "{\"reason\": \"x\", \"expiresAt\": \"2001-01-01T00:00:00Z\"}"), 400, "expiresAt");
        assertProblem(api.putJson(path, "{\"reason\": \"x\", \"expiresIn\": \"soon\"}"), 400, "expiresIn");
        assertProblem(api.putJson(path, "{\"reason\": \"x\", \"until\": \"x\"}"), 400, "until");
        assertProblem(api.putJson("/suites/" + SUITE + "/tests/nope/quarantine", "{\"reason\": \"x\"}"), 400, "test");
        assertProblem(api.get("/suites/" + SUITE + "/tests?window=0"), 400, "window");
        assertProblem(api.get("/suites/" + SUITE + "/tests?window=abc"), 400, "window");
        Daemons.Response unknown = api.get("/suites/Nope/tests");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(tests().get("stable").get("quarantined").asBoolean()).isFalse();
    }

    @Test
    void autoQuarantineQuarantinesTestsJudgedFlakyForItsTimeAndAQuarantineExpires(@TempDir Path otherDir)
            throws InterruptedException {
        try (Handoff auto = Daemons.started(Daemons.local(otherDir, dev.handoff.daemon.fixtures.FlakySuite.class)
                .stabilityMinRuns(2)
                .autoQuarantine(Duration.ofDays(3)))) {
            Daemons other = new Daemons(auto.url());
            other.awaitFinished("FlakySuite", other.trigger("FlakySuite", ""));
            assertThat(other.get("/suites/FlakySuite/tests/passesOnSecondAttempt")
                            .json()
                            .get("stability")
                            .get("quarantined")
                            .asBoolean())
                    .isFalse();
            other.awaitFinished("FlakySuite", other.trigger("FlakySuite", ""));

            JsonNode test = awaitQuarantined(other, "passesOnSecondAttempt");
            assertThat(test.get("quarantine").get("by").asText()).isEqualTo("handoff");
            assertThat(test.get("quarantine").get("reason").asText()).startsWith("auto-quarantine: flaky");
            Instant expiresAt =
                    Instant.parse(test.get("quarantine").get("expiresAt").asText());
            assertThat(expiresAt)
                    .isBetween(
                            Instant.now().plus(Duration.ofDays(3)).minusSeconds(120),
                            Instant.now().plus(Duration.ofDays(3)));

            Daemons.Response shortOne = other.putJson(
                    "/suites/FlakySuite/tests/passes/quarantine", "{\"reason\": \"brief\", \"expiresIn\": \"1s\"}");
            assertThat(shortOne.status()).as(shortOne.body()).isEqualTo(200);
            Thread.sleep(1_500);
            JsonNode passes = other.get("/suites/FlakySuite/tests/passes").json();
            assertThat(passes.get("stability").get("quarantined").asBoolean()).isFalse();
            assertThat(StreamSupport.stream(passes.get("quarantineAudit").spliterator(), false)
                            .map(event -> event.get("action").asText() + " by "
                                    + event.get("actor").asText())
                            .toList())
                    .containsExactly("quarantined by api", "expired by handoff");
        }
    }

    private static JsonNode awaitQuarantined(Daemons other, String test) {
        Instant deadline = Instant.now().plus(Daemons.PATIENCE);
        while (true) {
            JsonNode stability =
                    other.get("/suites/FlakySuite/tests/" + test).json().get("stability");
            if (stability.get("quarantined").asBoolean() || Instant.now().isAfter(deadline)) {
                assertThat(stability.get("quarantined").asBoolean())
                        .as(stability.toString())
                        .isTrue();
                return stability;
            }
            Runs.sleep();
        }
    }

    private static void assertProblem(Daemons.Response response, int status, String parameter) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("parameter").asText()).isEqualTo(parameter);
    }

    @Test
    void metricsShowFlakyTestsOnlyAndQuarantineCounts() {
        String scrape = awaitScrape("handoff_test_flake_rate{");
        List<String> flakeRates = lines(scrape, "handoff_test_flake_rate{");
        assertThat(flakeRates)
                .containsExactly(
                        "handoff_test_flake_rate{quarantined=\"false\",suite_name=\"HistorySuite\",test=\"flaky\"} 0.5");
        assertThat(lines(scrape, "handoff_tests_quarantined{"))
                .containsExactly("handoff_tests_quarantined{suite_name=\"HistorySuite\"} 1.0");
    }

    private String awaitScrape(String wanted) {
        Instant deadline = Instant.now().plus(Daemons.PATIENCE);
        while (true) {
            String scrape = api.get("/metrics").body();
            if (scrape.contains(wanted) || Instant.now().isAfter(deadline)) {
                return scrape;
            }
            Runs.sleep();
        }
    }

    private static List<String> lines(String scrape, String prefix) {
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith(prefix))
                .toList();
    }
}
