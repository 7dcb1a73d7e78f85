package dev.handoff.daemon.web;

import static dev.handoff.daemon.web.ApiFixture.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the API answers to requests it cannot serve: always a problem, never a 500 for the client's input. */
class ApiErrorsTests {

    private final ApiFixture api = new ApiFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void unknownRouteIsNotFound() {
        JsonNode problem = problem(api.get("/runs/1"), 404);

        assertThat(problem.get("detail").asText())
                .isEqualTo("there is nothing at /runs/1; /openapi.yaml lists what the API has");
        assertThat(problem.get("instance").asText()).isEqualTo("/runs/1");
    }

    @Test
    void knownPathWithAnotherMethodIsMethodNotAllowed() {
        HttpResponse<String> response = api.send("DELETE", "/suites/checkout/runs");

        JsonNode problem = problem(response, 405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
        assertThat(problem.get("detail").asText()).isEqualTo("/suites/checkout/runs takes GET, HEAD, POST, not DELETE");
    }

    @Test
    void headOfAGetRouteIsNoServerError() {
        HttpResponse<String> response = api.send("HEAD", "/suites");

        assertThat(response.statusCode()).isLessThan(500);
    }

    @Test
    void unexpectedFailureIsAnInternalErrorThatHidesItsCause() {
        api.store.failWith(new IllegalStateException("jdbc:h2:/var/lib/handoff password=hunter2"));

        HttpResponse<String> response = api.get("/suites");

        JsonNode problem = problem(response, 500);
        assertThat(problem.get("detail").asText())
                .isEqualTo("the daemon failed to answer this request; its log says why");
        assertThat(response.body()).doesNotContain("hunter2", "jdbc", "IllegalStateException");
    }

    @Test
    void unicodeSuiteNameIsNotFoundInTheUsersWords() {
        JsonNode problem = problem(api.get("/suites/%C3%A9t%C3%A9/runs"), 404);

        assertThat(problem.get("detail").asText()).isEqualTo("no suite named 'été'");
    }

    /** Each line is sent as is, so that a client library cannot clean it up first. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /suites/%zz HTTP/1.1",
                "GET /suites/% HTTP/1.1",
                "GET /suites/checkout/runs?limit=%zz HTTP/1.1",
                "GET /suites/checkout/runs/%00 HTTP/1.1",
                "GET /suites/../../etc/passwd HTTP/1.1",
                "GET /suites/checkout/runs/1/tests/../../../../healthz/x HTTP/1.1",
                "GET /suites/checkout/runs/1/tests/..%2F..%2Fsecret HTTP/1.1",
                "GET /suites/checkout/runs/1/tests/ HTTP/1.1",
                "GET /suites/été/runs HTTP/1.1",
                "GET /suites/\u0000/runs HTTP/1.1",
                "GET /suites//runs HTTP/1.1",
                "GET suites HTTP/1.1",
                "POST /suites/checkout/runs/1/retry?%%%=1 HTTP/1.1",
                "BREW /suites HTTP/1.1",
                "GET /suites HTTP/9.9",
            })
    void garbageRequestIsAClientError(String requestLine) {
        String response = api.raw(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertClientProblem(requestLine, response);
    }

    @Test
    void hugePathIsAClientError() {
        String line = "GET /suites/" + "a".repeat(100_000) + " HTTP/1.1";

        assertClientProblem("a huge path", api.raw(line + "\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    }

    @Test
    void hugeSuiteNameIsNotFound() {
        problem(api.get("/suites/" + "a".repeat(1_500) + "/runs/1/tests/x"), 404);
    }

    @Test
    void malformedContentLengthIsAClientError() {
        String response = api.raw(
                "POST /suites/checkout/runs HTTP/1.1\r\nHost: localhost\r\nContent-Length: many\r\nConnection: close\r\n\r\n");

        assertClientProblem("a bad Content-Length", response);
    }

    private static void assertClientProblem(String what, String response) {
        assertThat(response).as("response to " + what).startsWith("HTTP/1.1 4");
        int bodyStart = response.indexOf("\r\n\r\n");
        String head = response.substring(0, bodyStart).toLowerCase(Locale.ROOT);
        if (bodyStart + 4 < response.length()) {
            assertThat(head).as("head of the response to " + what).contains("content-type: application/problem+json");
            assertThat(response.substring(bodyStart + 4)).contains("\"type\":\"about:blank\"");
        }
    }
}
