package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.RecoveringSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished run's JSON carries an {@code ETag}; asking again with it gets {@code 304} until the
 * run changes (a retry), on a daemon in this process with its H2 file.
 */
class FinishedRunEtagTests {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dataDir;

    private Handoff handoff;
    private Daemons http;

    @BeforeEach
    void start() {
        RecoveringSuite.repaired = false;
        SlowSuite.release = new CountDownLatch(1);
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class, RecoveringSuite.class, SlowSuite.class));
        http = new Daemons(handoff.url());
    }

    @AfterEach
    void stop() {
        SlowSuite.release.countDown();
        handoff.close();
    }

    @Test
    void aFinishedRunIsNotModifiedForItsEtag() {
        long number = http.trigger("PassingSuite", "");
        http.awaitFinished("PassingSuite", number);
        String path = "/suites/PassingSuite/runs/" + number;

        HttpResponse<String> first = get(path, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get(path, etag);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(get(path, "\"other\", W/" + etag).statusCode()).isEqualTo(304);
        assertThat(get(path, "\"other\"").body()).isEqualTo(first.body());
    }

    @Test
    void aRetryChangesTheEtag() {
        long number = http.trigger("RecoveringSuite", "");
        http.awaitFinished("RecoveringSuite", number);
        String path = "/suites/RecoveringSuite/runs/" + number;
        String failed = get(path, null).headers().firstValue("ETag").orElseThrow();
        RecoveringSuite.repaired = true;

        assertThat(http.post(path + "/retry").status()).isEqualTo(202);
        HttpResponse<String> afterRetry = get(path, failed);
        http.awaitFinished("RecoveringSuite", number);
        HttpResponse<String> retried = get(path, failed);

        assertThat(afterRetry.statusCode()).isEqualTo(200);
        assertThat(afterRetry.body())
                .startsWith(
                        "{\"suite\":\"RecoveringSuite\",\"number\":" + number + ",\"id\":" + number + ",\"result\":\"");
        assertThat(afterRetry.body())
                .doesNotStartWith("{\"suite\":\"RecoveringSuite\",\"number\":" + number + ",\"id\":" + number
                        + ",\"result\":\"failed\"");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body())
                .startsWith("{\"suite\":\"RecoveringSuite\",\"number\":" + number + ",\"id\":" + number
                        + ",\"result\":\"flaky\"");
        assertThat(retried.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(failed));
    }

    @Test
    void aRunningRunHasNoEtag() {
        long number = http.trigger("SlowSuite", "");
        http.await("SlowSuite", number, run -> run.get("result").asText().equals("running"), "running");

        HttpResponse<String> running = get("/suites/SlowSuite/runs/" + number, null);
        SlowSuite.release.countDown();

        assertThat(running.body()).contains("\"result\":\"running\"");
        assertThat(running.headers().firstValue("ETag")).isEmpty();
        assertThat(running.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(handoff.url().resolve(path)).timeout(Duration.ofSeconds(10));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        try {
            return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
