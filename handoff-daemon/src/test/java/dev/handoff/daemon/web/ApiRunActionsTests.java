package dev.handoff.daemon.web;

import static dev.handoff.daemon.web.ApiFixture.finishedRun;
import static dev.handoff.daemon.web.ApiFixture.json;
import static dev.handoff.daemon.web.ApiFixture.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.model.RunResult;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST .../retry} and {@code POST .../cancel}. */
class ApiRunActionsTests {

    private final ApiFixture api = new ApiFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void retryIsAcceptedWithTheRunPendingAgain() {
        api.store.add(finishedRun("checkout", 1, RunResult.FAILED));

        HttpResponse<String> response = api.post("/suites/checkout/runs/1/retry");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode run = json(response);
        assertThat(run.get("result").asText()).isEqualTo("pending");
        assertThat(run.get("execution").asInt()).isEqualTo(1);
        assertThat(run.get("url").asText()).isEqualTo("/suites/checkout/runs/1");
    }

    @Test
    void retryOfARunThatCannotBeRetriedIsAConflict() {
        api.store.add(ApiFixture.runningRun("checkout", 1));

        JsonNode problem = problem(api.post("/suites/checkout/runs/1/retry"), 409);

        assertThat(problem.get("detail").asText())
                .isEqualTo("run 1 of suite 'checkout' is running: only a failed run can be retried");
    }

    @Test
    void retryOfUnknownRunIsNotFound() {
        problem(api.post("/suites/checkout/runs/5/retry"), 404);
    }

    @Test
    void cancelIsAcceptedWithTheRunAsItIsNow() {
        api.store.add(ApiFixture.runningRun("checkout", 1));

        HttpResponse<String> response = api.post("/suites/checkout/runs/1/cancel");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode run = json(response);
        assertThat(run.get("result").asText()).isEqualTo("cancelled");
        assertThat(run.get("failure").get("message").asText()).isEqualTo("cancelled by a user");
    }

    @Test
    void cancelOfAFinishedRunIsAConflict() {
        api.store.add(finishedRun("checkout", 1, RunResult.PASSED));

        JsonNode problem = problem(api.post("/suites/checkout/runs/1/cancel"), 409);

        assertThat(problem.get("detail").asText()).isEqualTo("run 1 of suite 'checkout' already passed");
    }

    @Test
    void cancelOfUnknownRunIsNotFound() {
        JsonNode problem = problem(api.post("/suites/checkout/runs/5/cancel"), 404);

        assertThat(problem.get("detail").asText()).isEqualTo("suite 'checkout' has no run 5");
    }

    @Test
    void actionOnABadRunNumberIsABadRequest() {
        JsonNode problem = problem(api.post("/suites/checkout/runs/latest/cancel"), 400);

        assertThat(problem.get("parameter").asText()).isEqualTo("run");
    }
}
