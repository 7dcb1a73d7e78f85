package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.FailingSuite;
import dev.handoff.daemon.fixtures.FlakySuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import dev.handoff.daemon.fixtures.SoftSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gates over HTTP on a real daemon (H2 file, random port): verdicts, the wait bound, idempotency, timeout, strict. */
class GateApiTests {

    @TempDir
    Path dataDir;

    private Handoff handoff;
    private Http http;

    @BeforeEach
    void start() {
        SlowSuite.release = new CountDownLatch(1);
        handoff = Daemons.started(Daemons.local(
                dataDir, PassingSuite.class, FlakySuite.class, FailingSuite.class, SoftSuite.class, SlowSuite.class));
        http = new Http(handoff.url());
    }

    @AfterEach
    void stop() {
        SlowSuite.release.countDown();
        handoff.close();
    }

    private Http.Reply create(String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Content-Type", "application/json"));
        all.addAll(List.of(headers));
        return http.send("POST", "/gates?wait=20s", body, all.toArray(String[]::new));
    }

    @Test
    void gateOverPassingSuitesPassesWithOneRunOfEachForItsRef() {
        Http.Reply reply = create("{\"suites\": [\"PassingSuite\", \"FlakySuite\"], \"ref\": \"v1.2.3\"}");

        assertThat(reply.status()).isEqualTo(201);
        JsonNode gate = reply.json();
        assertThat(reply.header("Location"))
                .isEqualTo("/gates/" + gate.get("id").asLong());
        assertThat(gate.get("verdict").asText()).isEqualTo("passed");
        assertThat(gate.get("summary").get("runs").asInt()).isEqualTo(2);
        assertThat(gate.get("summary").get("passed").asInt()).isEqualTo(1);
        assertThat(gate.get("summary").get("flaky").asInt()).isEqualTo(1);
        assertThat(gate.get("decidedAt").isNull()).isFalse();
        assertThat(gate.get("runs")).hasSize(2).allSatisfy(run -> {
            assertThat(run.get("ref").asText()).isEqualTo("v1.2.3");
            assertThat(run.get("initiatedBy").asText())
                    .isEqualTo("gate:" + gate.get("id").asLong());
        });
    }

    @Test
    void gateWithAFailingSuiteFailsAndSaysWhichRun() {
        JsonNode gate = create("{\"suites\": [\"PassingSuite\", \"FailingSuite\"], \"ref\": \"v2\"}")
                .json();

        assertThat(gate.get("verdict").asText()).isEqualTo("failed");
        assertThat(gate.get("reason").asText()).contains("FailingSuite run 1 failed");
    }

    @Test
    void softFailuresNeverFailAGate() {
        JsonNode gate = create("{\"suites\": [\"SoftSuite\"]}").json();

        assertThat(gate.get("verdict").asText()).isEqualTo("passed");
        assertThat(gate.get("runs").get(0).get("counts").get("softFailed").asInt())
                .isPositive();
    }

    @Test
    void aStrictGateFailsOnAFlakyRunThatANonStrictOnePasses() {
        JsonNode lenient = create("{\"suites\": [\"FlakySuite\"]}").json();
        JsonNode strict =
                create("{\"suites\": [\"FlakySuite\"], \"strict\": true}").json();

        assertThat(lenient.get("verdict").asText()).isEqualTo("passed");
        assertThat(strict.get("verdict").asText()).isEqualTo("failed");
        assertThat(strict.get("reason").asText()).contains("FlakySuite run 2 flaky");
    }

    @Test
    void waitHoldsTheRequestOnlyAsLongAsAsked() {
        long id = http.send("POST", "/gates", "{\"suites\": [\"SlowSuite\"]}", "Content-Type", "application/json")
                .json()
                .get("id")
                .asLong();

        long started = System.nanoTime();
        JsonNode gate = http.get("/gates/" + id + "?wait=2s").json();
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(gate.get("verdict").asText()).isIn("pending", "running");
        assertThat(waited).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(10));

        SlowSuite.release.countDown();
        JsonNode passed = http.get("/gates/" + id + "?wait=20s").json();
        assertThat(passed.get("verdict").asText()).isEqualTo("passed");
    }

    @Test
    void waitBeyondTheBoundIsRefusedNamingIt() {
        Http.Reply reply = http.get("/gates/1?wait=10m");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.parameter()).isEqualTo("wait");
        assertThat(reply.json().get("detail").asText()).contains("5m");
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameGateAndRunsEachSuiteOnce() {
        String body = "{\"suites\": [\"PassingSuite\"], \"ref\": \"v3\"}";
        Http.Reply first = create(body, "Idempotency-Key", "deploy-v3");
        Http.Reply again = create(body, "Idempotency-Key", "deploy-v3");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(http.get("/suites/PassingSuite/runs").json().get("runs")).hasSize(1);
    }

    @Test
    void aGateWhoseRunsOutlastItsTimeoutTimesOutAndStaysSo() {
        JsonNode gate = create("{\"suites\": [\"PassingSuite\", \"SlowSuite\"], \"timeout\": \"1s\"}")
                .json();

        assertThat(gate.get("verdict").asText()).isEqualTo("timed-out");
        assertThat(gate.get("reason").asText()).contains("timed out after 1s");

        SlowSuite.release.countDown();
        long slowRun = gate.get("runs").get(1).get("number").asLong();
        new Daemons(handoff.url()).awaitFinished("SlowSuite", slowRun);
        assertThat(http.get("/gates/" + gate.get("id").asLong())
                        .json()
                        .get("verdict")
                        .asText())
                .isEqualTo("timed-out");
    }

    @Test
    void badGateRequestsAreRefusedNamingTheField() {
        Http.Reply unknown = create("{\"suites\": [\"NoSuchSuite\"]}");
        Http.Reply none = create("{\"ref\": \"v1\"}");
        Http.Reply timeout = create("{\"suites\": [\"PassingSuite\"], \"timeout\": \"soon\"}");
        Http.Reply filter = create("{\"suites\": [\"PassingSuite\"], \"filter\": \"(\"}");
        Http.Reply field = create("{\"suites\": [\"PassingSuite\"], \"verdict\": \"passed\"}");

        assertThat(List.of(unknown, none, timeout, filter, field))
                .allSatisfy(reply -> assertThat(reply.status()).as(reply.body()).isEqualTo(400));
        assertThat(unknown.parameter()).isEqualTo("suites");
        assertThat(unknown.json().get("detail").asText()).contains("NoSuchSuite");
        assertThat(none.parameter()).isEqualTo("suites");
        assertThat(timeout.parameter()).isEqualTo("timeout");
        assertThat(filter.parameter()).isEqualTo("filter");
        assertThat(field.parameter()).isEqualTo("verdict");
        assertThat(http.get("/gates").json().get("gates")).isEmpty();
    }

    @Test
    void gatesAreListedNewestFirstAndAnUnknownOneIs404() {
        long first = create("{\"suites\": [\"PassingSuite\"]}").json().get("id").asLong();
        long second =
                create("{\"suites\": [\"FailingSuite\"]}").json().get("id").asLong();

        JsonNode gates = http.get("/gates").json().get("gates");

        assertThat(gates).hasSize(2);
        assertThat(gates.get(0).get("id").asLong()).isEqualTo(second);
        assertThat(gates.get(1).get("id").asLong()).isEqualTo(first);
        assertThat(gates.get(0).get("verdict").asText()).isEqualTo("failed");
        Http.Reply missing = http.get("/gates/999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void latestRunIsTheSuitesNewestRunWithTheRefResultAndInitiatorAsked() {
        Daemons daemons = new Daemons(handoff.url());
        long v1 = daemons.trigger("PassingSuite", "ref=v1&initiatedBy=ci");
        daemons.awaitFinished("PassingSuite", v1);
        long v2 = daemons.trigger("PassingSuite", "ref=v2&initiatedBy=ci");
        daemons.awaitFinished("PassingSuite", v2);

        assertThat(http.get("/suites/PassingSuite/runs/latest")
                        .json()
                        .get("number")
                        .asLong())
                .isEqualTo(v2);
        assertThat(http.get("/suites/PassingSuite/runs/latest?ref=v1")
                        .json()
                        .get("number")
                        .asLong())
                .isEqualTo(v1);
        assertThat(http.get("/suites/PassingSuite/runs/latest?ref=v1&result=passed&initiatedBy=ci")
                        .json()
                        .get("result")
                        .asText())
                .isEqualTo("passed");
        Http.Reply none = http.get("/suites/PassingSuite/runs/latest?ref=v1&result=failed");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("detail").asText())
                .isEqualTo("suite 'PassingSuite' has no run with ref 'v1' and result 'failed'");
        assertThat(http.get("/suites/PassingSuite/runs/latest?result=done").parameter())
                .isEqualTo("result");
    }

    @Test
    void creatingAGateNeedsTheRoleThatTriggersRuns() throws IOException {
        handoff.close();
        Path tokens = dataDir.resolve("tokens");
        Files.writeString(tokens, "read read-0123456789abcdef dashboards\ntrigger trigger-0123456789abcdef ci\n");
        handoff = Daemons.started(
                Daemons.local(dataDir.resolve("secured"), PassingSuite.class).apiTokens(tokens));
        http = new Http(handoff.url());
        String body = "{\"suites\": [\"PassingSuite\"]}";

        Http.Reply reader = http.send(
                "POST",
                "/gates",
                body,
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer read-0123456789abcdef");
        Http.Reply flagger = http.send(
                "POST",
                "/gates/flagger",
                "{}",
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer read-0123456789abcdef");
        Http.Reply trigger = http.send(
                "POST",
                "/gates",
                body,
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer trigger-0123456789abcdef");

        assertThat(reader.status()).isEqualTo(403);
        assertThat(flagger.status()).isEqualTo(403);
        assertThat(trigger.status()).isEqualTo(201);
        assertThat(trigger.json().get("caller").asText()).isEqualTo("ci");
        Http.Reply read = http.get("/gates", "Authorization", "Bearer read-0123456789abcdef");
        assertThat(read.status()).isEqualTo(200);
    }
}
