package dev.handoff.daemon.web;

import static dev.handoff.daemon.web.ApiFixture.attempt;
import static dev.handoff.daemon.web.ApiFixture.finishedRun;
import static dev.handoff.daemon.web.ApiFixture.json;
import static dev.handoff.daemon.web.ApiFixture.problem;
import static dev.handoff.daemon.web.ApiSuitesTests.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunResult;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One run: {@code GET /suites/{suite}/runs/{run}}, its tests and its JUnit XML. */
class ApiRunDetailTests {

    private static final RunId RUN = new RunId("checkout", 1);

    private final ApiFixture api = new ApiFixture();

    @BeforeEach
    void run() {
        api.store.add(finishedRun("checkout", 1, RunResult.FLAKY));
        api.store.setupLog(RUN, "2025-01-31T11:58:20Z log starting the shop\n");
        api.store.add(RUN, attempt("pays", 1, AttemptResult.RETRYING));
        api.store.add(RUN, attempt("pays", 2, AttemptResult.PASSED));
        api.store.add(RUN, attempt("Nested/refunds", 3, AttemptResult.FAILED));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void runHasTheSummaryThenSetupLogAndTests() {
        HttpResponse<String> response = api.get("/suites/checkout/runs/1");

        assertThat(response.statusCode()).isEqualTo(200);
        // Finished: it changes only on retry, so a client may keep it and ask again with its ETag.
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        assertThat(response.headers().firstValue("ETag")).isPresent();
        JsonNode run = json(response);
        assertThat(fieldNames(run))
                .containsExactly(
                        "suite",
                        "number",
                        "id",
                        "result",
                        "filter",
                        "ref",
                        "initiatedBy",
                        "caller",
                        "parameters",
                        "environment",
                        "execution",
                        "createdAt",
                        "startedAt",
                        "finishedAt",
                        "durationMillis",
                        "failure",
                        "counts",
                        "url",
                        "setupLog",
                        "values",
                        "executions",
                        "tests",
                        "running");
        assertThat(run.get("result").asText()).isEqualTo("flaky");
        assertThat(run.get("values").toString()).isEqualTo("{}");
        assertThat(run.get("setupLog").asText()).isEqualTo("2025-01-31T11:58:20Z log starting the shop\n");
    }

    @Test
    void runListsEachTestsLatestAttemptAndAttemptCount() {
        JsonNode tests = json(api.get("/suites/checkout/runs/1")).get("tests");

        assertThat(tests).hasSize(2);
        JsonNode pays = tests.get(0);
        assertThat(fieldNames(pays))
                .containsExactly(
                        "name",
                        "result",
                        "attempts",
                        "soft",
                        "flaky",
                        "startedAt",
                        "finishedAt",
                        "durationMillis",
                        "failure",
                        "invocations",
                        "url",
                        "traceId");
        assertThat(pays.get("name").asText()).isEqualTo("pays");
        assertThat(pays.get("result").asText()).isEqualTo("passed");
        assertThat(pays.get("attempts").asInt()).isEqualTo(2);
        assertThat(pays.get("soft").asBoolean()).isFalse();
        assertThat(pays.get("flaky").asBoolean()).isTrue();
        assertThat(pays.get("startedAt").asText()).isEqualTo("2025-01-31T11:59:10Z");
        assertThat(pays.get("finishedAt").asText()).isEqualTo("2025-01-31T11:59:11.500Z");
        assertThat(pays.get("durationMillis").asLong()).isEqualTo(1500);
        assertThat(pays.get("failure").isNull()).isTrue();
        assertThat(pays.get("invocations").isNull())
                .as("a test without invocations")
                .isTrue();
        assertThat(pays.get("url").asText()).isEqualTo("/suites/checkout/runs/1/tests/pays");
        JsonNode refunds = tests.get(1);
        assertThat(refunds.get("result").asText()).isEqualTo("failed");
        assertThat(refunds.get("failure").get("message").asText()).isEqualTo("expected 200 but was 500");
        assertThat(refunds.get("url").asText()).isEqualTo("/suites/checkout/runs/1/tests/Nested/refunds");
    }

    @Test
    void testHasEveryAttemptWithLogSpansAndValues() {
        HttpResponse<String> response = api.get("/suites/checkout/runs/1/tests/pays");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode test = json(response);
        assertThat(fieldNames(test)).containsExactly("suite", "run", "test", "attempts");
        assertThat(test.get("suite").asText()).isEqualTo("checkout");
        assertThat(test.get("run").asLong()).isEqualTo(1);
        assertThat(test.get("test").asText()).isEqualTo("pays");
        assertThat(test.get("attempts"))
                .extracting(a -> a.get("result").asText())
                .containsExactly("retrying", "passed");
        JsonNode first = test.get("attempts").get(0);
        assertThat(fieldNames(first))
                .containsExactly(
                        "test",
                        "number",
                        "maxAttempts",
                        "result",
                        "soft",
                        "flaky",
                        "startedAt",
                        "finishedAt",
                        "durationMillis",
                        "failure",
                        "log",
                        "spans",
                        "values",
                        "invocationCounts",
                        "invocations",
                        "traceId",
                        "traceSpanId",
                        "traceUrl",
                        "logsUrl");
        assertThat(first.get("number").asInt()).isEqualTo(1);
        assertThat(first.get("maxAttempts").asInt()).isEqualTo(3);
        assertThat(first.get("failure").get("stackTrace").asText()).startsWith("java.lang.AssertionError");
        assertThat(first.get("log").asText()).endsWith("log opening the cart\n");
        assertThat(first.get("values").get("orderId").asText()).isEqualTo("A-7");
        JsonNode outer = first.get("spans").get(0);
        assertThat(fieldNames(outer))
                .containsExactly("id", "parent", "name", "start", "end", "durationMillis", "attributes");
        assertThat(outer.get("parent").isNull()).isTrue();
        assertThat(outer.get("durationMillis").asLong()).isEqualTo(800);
        assertThat(outer.get("attributes").get("cart").asText()).isEqualTo("42");
        assertThat(first.get("spans").get(1).get("parent").asText()).isEqualTo("1");
    }

    @Test
    void testNameIsTheRestOfThePathSlashesIncluded() {
        HttpResponse<String> response = api.get("/suites/checkout/runs/1/tests/Nested/refunds");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("test").asText()).isEqualTo("Nested/refunds");
    }

    @Test
    void unknownTestIsNotFound() {
        JsonNode problem = problem(api.get("/suites/checkout/runs/1/tests/nope"), 404);

        assertThat(problem.get("detail").asText()).isEqualTo("run 1 of suite 'checkout' has no test 'nope'");
    }

    @Test
    void testOfUnknownRunIsNotFound() {
        JsonNode problem = problem(api.get("/suites/checkout/runs/9/tests/pays"), 404);

        assertThat(problem.get("detail").asText()).isEqualTo("suite 'checkout' has no run 9");
    }

    @Test
    void unknownRunIsNotFound() {
        JsonNode problem = problem(api.get("/suites/checkout/runs/2"), 404);

        assertThat(problem.get("detail").asText()).isEqualTo("suite 'checkout' has no run 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "one", "1e3", "99999999999999999999"})
    void badRunNumberIsABadRequestNamingIt(String number) {
        JsonNode problem = problem(api.get("/suites/checkout/runs/" + number), 400);

        assertThat(problem.get("parameter").asText()).isEqualTo("run");
        assertThat(problem.get("detail").asText())
                .isEqualTo("run number '" + number + "' must be a whole number from 1 up");
    }

    @Test
    void junitXmlIsXml() {
        api.junitXml.put(RUN, "<testsuite name=\"checkout\"/>");

        HttpResponse<String> response = api.get("/suites/checkout/runs/1/junit.xml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ApiFixture.contentType(response)).startsWith("application/xml");
        assertThat(response.body()).isEqualTo("<testsuite name=\"checkout\"/>");
    }

    @Test
    void junitXmlOfUnknownRunIsNotFound() {
        JsonNode problem = problem(api.get("/suites/checkout/runs/2/junit.xml"), 404);

        assertThat(problem.get("detail").asText()).isEqualTo("suite 'checkout' has no run 2");
    }
}
