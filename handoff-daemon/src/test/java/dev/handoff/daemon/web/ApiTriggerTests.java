package dev.handoff.daemon.web;

import static dev.handoff.daemon.web.ApiFixture.json;
import static dev.handoff.daemon.web.ApiFixture.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.ShuttingDownException;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /suites/{suite}/runs}. */
class ApiTriggerTests {

    private final ApiFixture api = new ApiFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void triggerCreatesARunWithLocation() {
        HttpResponse<String> response = api.post("/suites/checkout/runs");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/suites/checkout/runs/1");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode run = json(response);
        assertThat(run.get("number").asLong()).isEqualTo(1);
        assertThat(run.get("result").asText()).isEqualTo("pending");
        assertThat(run.get("initiatedBy").asText()).isEqualTo("api");
        assertThat(run.get("url").asText()).isEqualTo("/suites/checkout/runs/1");
        assertThat(api.actions.lastRequest).isEqualTo(RunRequest.of("api"));
    }

    @Test
    void queryParametersAndHeaderMakeTheRequest() {
        api.post(
                "/suites/checkout/runs?filter=pay.*&ref=abc123&initiatedBy=alice",
                BodyPublishers.noBody(),
                "Idempotency-Key",
                "k-1");

        assertThat(api.actions.lastRequest)
                .isEqualTo(new RunRequest(
                        Optional.of("pay.*"), Optional.of("abc123"), "alice", Map.of(), Optional.of("k-1")));
    }

    @Test
    void bodyMakesTheRequest() {
        HttpResponse<String> response = api.postJson(
                "/suites/checkout/runs",
                "{\"filter\": \"pay.*\", \"ref\": \"abc123\", \"initiatedBy\": \"ci\", \"parameters\": {\"env\": \"staging\"}}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(api.actions.lastRequest)
                .isEqualTo(new RunRequest(
                        Optional.of("pay.*"), Optional.of("abc123"), "ci", Map.of("env", "staging"), Optional.empty()));
        assertThat(json(response).get("parameters").get("env").asText()).isEqualTo("staging");
    }

    @Test
    void queryParametersWinOverTheBody() {
        api.postJson(
                "/suites/checkout/runs?ref=from-query",
                "{\"ref\": \"from-body\", \"filter\": \"pay.*\", \"initiatedBy\": null}");

        assertThat(api.actions.lastRequest)
                .isEqualTo(new RunRequest(
                        Optional.of("pay.*"), Optional.of("from-query"), "api", Map.of(), Optional.empty()));
    }

    @Test
    void emptyBodyIsFineWhateverItsType() {
        HttpResponse<String> response =
                api.post("/suites/checkout/runs", BodyPublishers.ofString(""), "Content-Type", "text/plain");

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void sameIdempotencyKeyGivesTheSameRunWith200() {
        HttpResponse<String> first =
                api.post("/suites/checkout/runs", BodyPublishers.noBody(), "Idempotency-Key", "deploy-42");
        HttpResponse<String> second =
                api.post("/suites/checkout/runs", BodyPublishers.noBody(), "Idempotency-Key", "deploy-42");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("Location")).isEmpty();
        assertThat(json(second).get("number").asLong())
                .isEqualTo(json(first).get("number").asLong());
    }

    @Test
    void idempotencyKeyOver200CharactersIsABadRequest() {
        JsonNode problem = problem(
                api.post("/suites/checkout/runs", BodyPublishers.noBody(), "Idempotency-Key", "k".repeat(201)), 400);

        assertThat(problem.get("parameter").asText()).isEqualTo("Idempotency-Key");
        assertThat(problem.get("detail").asText()).isEqualTo("Idempotency-Key must be at most 200 characters, got 201");
    }

    @Test
    void invalidFilterIsABadRequestNamingIt() {
        api.actions.triggerFailure = new InvalidParameterException(
                "filter", "filter '(' is not a valid regular expression: Unclosed group near index 1");

        JsonNode problem = problem(api.post("/suites/checkout/runs?filter=%28"), 400);

        assertThat(problem.get("parameter").asText()).isEqualTo("filter");
        assertThat(problem.get("detail").asText())
                .isEqualTo("filter '(' is not a valid regular expression: Unclosed group near index 1");
        assertThat(problem.get("instance").asText()).isEqualTo("/suites/checkout/runs");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"filter": 5}                    | filter      | field 'filter' must be a string, not a number
            {"ref": ["a"]}                   | ref         | field 'ref' must be a string, not an array
            {"initiatedBy": true}            | initiatedBy | field 'initiatedBy' must be a string, not a boolean
            {"parameters": "env=staging"}    | parameters  | field 'parameters' must be an object of names to strings, such as {"env": "staging"}, not a string
            {"parameters": {"retries": 3}}   | parameters  | parameter 'retries' must be a string, not a number
            {"filters": "pay.*"}             | filters     | the body has an unknown field 'filters'; a run takes filter, ref, initiatedBy and parameters
            """)
    void wrongBodyFieldIsABadRequestNamingIt(String body, String parameter, String detail) {
        JsonNode problem = problem(api.postJson("/suites/checkout/runs", body), 400);

        assertThat(problem.get("parameter").asText()).isEqualTo(parameter);
        assertThat(problem.get("detail").asText()).isEqualTo(detail);
    }

    @Test
    void malformedJsonIsABadRequest() {
        JsonNode problem = problem(api.postJson("/suites/checkout/runs", "{\"filter\": "), 400);

        assertThat(problem.get("detail").asText()).startsWith("the body is not valid JSON: ");
        assertThat(problem.get("parameter").asText()).isEqualTo("body");
    }

    @Test
    void bodyThatIsNotUtf8IsABadRequest() {
        byte[] body = {'{', '"', 'r', 'e', 'f', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        JsonNode problem = problem(
                api.post("/suites/checkout/runs", BodyPublishers.ofByteArray(body), "Content-Type", "application/json"),
                400);

        assertThat(problem.get("detail").asText()).startsWith("the body is not valid JSON: ");
    }

    @Test
    void malformedContentTypeIsAClientError() {
        String response = api.raw("POST /suites/checkout/runs HTTP/1.1\r\nHost: localhost\r\nContent-Type: ;/;\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");

        assertThat(response).startsWith("HTTP/1.1 4").contains("application/problem+json");
        assertThat(api.actions.lastRequest).isNull();
    }

    @Test
    void bodyThatIsNotAnObjectIsABadRequest() {
        JsonNode problem = problem(api.postJson("/suites/checkout/runs", "[\"pay.*\"]"), 400);

        assertThat(problem.get("detail").asText())
                .startsWith("the body must be a JSON object such as ")
                .endsWith("not an array");
    }

    @Test
    void bodyOfAnotherTypeIsUnsupported() {
        JsonNode problem = problem(
                api.post("/suites/checkout/runs", BodyPublishers.ofString("filter=pay"), "Content-Type", "text/plain"),
                415);

        assertThat(problem.get("detail").asText())
                .isEqualTo("the body of a run must be JSON (Content-Type: application/json)"
                        + " or a form (application/x-www-form-urlencoded), not text/plain");
        assertThat(problem.get("parameter").asText()).isEqualTo("Content-Type");
    }

    @Test
    void formBodyMakesTheRequest() {
        HttpResponse<String> response = api.post(
                "/suites/checkout/runs",
                BodyPublishers.ofString("filter=pay.%2A&ref=abc+123&initiatedBy="),
                "Content-Type",
                "application/x-www-form-urlencoded");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(api.actions.lastRequest)
                .isEqualTo(new RunRequest(
                        Optional.of("pay.*"), Optional.of("abc 123"), "api", Map.of(), Optional.empty()));
    }

    @Test
    void unknownFormFieldIsABadRequestNamingIt() {
        JsonNode problem = problem(
                api.post(
                        "/suites/checkout/runs",
                        BodyPublishers.ofString("filters=pay"),
                        "Content-Type",
                        "application/x-www-form-urlencoded"),
                400);

        assertThat(problem.get("parameter").asText()).isEqualTo("filters");
        assertThat(problem.get("detail").asText())
                .isEqualTo("the form has an unknown field 'filters'; a run's form takes filter, ref and initiatedBy");
    }

    @Test
    void bodyOver64KiBIsTooLarge() {
        String body = "{\"filter\": \"" + "x".repeat(70 * 1024) + "\"}";

        JsonNode problem = problem(
                api.send(api.request("/suites/checkout/runs")
                        .expectContinue(true)
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString(body))
                        .build()),
                413);

        assertThat(problem.get("detail").asText())
                .isEqualTo("the request body is larger than the 64 KiB the daemon accepts");
        assertThat(api.actions.lastRequest).isNull();
    }

    @Test
    void chunkedBodyOver64KiBIsTooLarge() {
        byte[] body = ("{\"filter\": \"" + "x".repeat(70 * 1024) + "\"}").getBytes();

        HttpResponse<String> response = api.send(api.request("/suites/checkout/runs")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build());

        problem(response, 413);
        assertThat(api.actions.lastRequest).isNull();
    }

    @Test
    void unknownSuiteIsNotFound() {
        JsonNode problem = problem(api.post("/suites/nope/runs"), 404);

        assertThat(problem.get("detail").asText()).isEqualTo("no suite named 'nope'");
    }

    @Test
    void shuttingDownIsServiceUnavailable() {
        api.actions.triggerFailure = new ShuttingDownException();

        JsonNode problem = problem(api.post("/suites/checkout/runs"), 503);

        assertThat(problem.get("detail").asText()).isEqualTo(new ShuttingDownException().getMessage());
    }
}
