package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.FailingSuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flagger's webhook over HTTP, as Flagger sends it: 200 when the gate passed, non-2xx otherwise,
 * always within Flagger's default webhook timeout of 60 s; its next call for the same revision and
 * hook finds the same gate.
 */
class FlaggerWebhookTests {

    /** Flagger's default webhook timeout: an answer later than this is a failed check. */
    private static final Duration FLAGGER_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private Handoff handoff;
    private Http http;

    @BeforeEach
    void start() {
        SlowSuite.release = new CountDownLatch(1);
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class, FailingSuite.class, SlowSuite.class));
        http = new Http(
                handoff.url(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    @AfterEach
    void stop() {
        SlowSuite.release.countDown();
        handoff.close();
    }

    private static String payload(String checksum, String suites) {
        return """
                {"name": "podinfo", "namespace": "test", "phase": "Progressing", "checksum": "%s",
                 "metadata": {"suites": "%s", "timeout": "5m"}}""".formatted(checksum, suites);
    }

    private Timed call(String query, String body) {
        long started = System.nanoTime();
        Http.Reply reply = http.send("POST", "/gates/flagger" + query, body, "Content-Type", "application/json");
        return new Timed(reply, Duration.ofNanos(System.nanoTime() - started));
    }

    private record Timed(Http.Reply reply, Duration took) {}

    @Test
    void aPassingGateAnswers200WithinTheWebhookTimeout() {
        Timed call = call("", payload("85d557f47b", "PassingSuite"));

        assertThat(call.reply().status()).as(call.reply().body()).isEqualTo(200);
        assertThat(call.took()).isLessThan(FLAGGER_TIMEOUT);
        JsonNode gate = call.reply().json();
        assertThat(gate.get("verdict").asText()).isEqualTo("passed");
        assertThat(gate.get("ref").asText())
                .as("the checksum when metadata has no ref")
                .isEqualTo("85d557f47b");
        assertThat(gate.get("initiatedBy").asText()).isEqualTo("flagger:test/podinfo");
    }

    @Test
    void aFailingGateAnswers412WithAShortReason() {
        Timed call = call("", payload("9a1f", "PassingSuite,FailingSuite"));

        assertThat(call.reply().status()).isEqualTo(412);
        assertThat(call.took()).isLessThan(FLAGGER_TIMEOUT);
        assertThat(call.reply().header("Content-Type")).startsWith("application/problem+json");
        assertThat(call.reply().json().get("detail").asText()).matches("gate \\d+ failed: FailingSuite run 1 failed");
    }

    @Test
    void aGateThatOutlastsTheWaitAnswers503AndFlaggersRetryFindsTheSameGate() {
        Timed first = call("?wait=1s", payload("c0ffee", "SlowSuite"));
        Timed retry = call("?wait=1s", payload("c0ffee", "SlowSuite"));

        assertThat(first.reply().status()).isEqualTo(503);
        assertThat(first.reply().header("Retry-After")).isEqualTo("10");
        assertThat(first.reply().json().get("detail").asText()).contains("0 of 1 runs ended");
        assertThat(retry.reply().header("Location")).isEqualTo(first.reply().header("Location"));
        Timed otherRevision = call("?wait=0s", payload("decade", "SlowSuite"));
        assertThat(otherRevision.reply().header("Location"))
                .isNotEqualTo(first.reply().header("Location"));

        SlowSuite.release.countDown();
        Timed passed = call("?wait=20s", payload("c0ffee", "SlowSuite"));
        assertThat(passed.reply().status()).isEqualTo(200);
        assertThat(passed.reply().header("Location")).isEqualTo(first.reply().header("Location"));
    }

    @Test
    void withoutAWaitTheAnswerComesBeforeFlaggersTimeoutEvenWhenTheRunsTakeLonger() {
        // SlowSuite never released: its one test fails after 20 s, and the gate with it.
        Timed call = call("", payload("fee1", "SlowSuite"));

        assertThat(call.took()).isLessThan(FLAGGER_TIMEOUT);
        assertThat(call.reply().status()).isIn(412, 503);
    }

    @Test
    void aPayloadWithoutSuitesIsRefusedNamingTheField() {
        Http.Reply reply = call(
                        "",
                        "{\"name\": \"podinfo\", \"namespace\": \"test\", \"phase\": \"Progressing\","
                                + " \"checksum\": \"1\", \"metadata\": {}}")
                .reply();

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.parameter()).isEqualTo("metadata.suites");
    }
}
