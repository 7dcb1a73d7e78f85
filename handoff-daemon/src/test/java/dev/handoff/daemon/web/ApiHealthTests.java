package dev.handoff.daemon.web;

import static dev.handoff.daemon.web.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probes: {@code /healthz} and {@code /ready}. */
class ApiHealthTests {

    private final ApiFixture api = new ApiFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void healthzIsUp() {
        HttpResponse<String> response = api.get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ApiFixture.contentType(response)).startsWith("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void readyWhenTheDaemonTakesRuns() {
        HttpResponse<String> response = api.get("/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"READY\"}");
    }

    @Test
    void notReadyIsServiceUnavailableWithTheReason() {
        api.ready.set(false);

        HttpResponse<String> response = api.get("/ready");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).get("status").asText()).isEqualTo("NOT_READY");
        assertThat(json(response).get("reason").asText()).isEqualTo("suites are still being discovered");
    }

    @Test
    void healthzIsUpWhileNotReady() {
        api.ready.set(false);

        assertThat(api.get("/healthz").statusCode()).isEqualTo(200);
    }
}
