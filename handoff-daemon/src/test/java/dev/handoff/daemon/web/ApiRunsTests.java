package dev.handoff.daemon.web;

import static dev.handoff.daemon.web.ApiFixture.finishedRun;
import static dev.handoff.daemon.web.ApiFixture.json;
import static dev.handoff.daemon.web.ApiFixture.problem;
import static dev.handoff.daemon.web.ApiSuitesTests.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /suites/{suite}/runs}: pages of runs, newest first. */
class ApiRunsTests {

    private final ApiFixture api = new ApiFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void runSummaryHasEveryFieldInOrder() {
        RunRequest request = new RunRequest(
                Optional.of("pay.*"), Optional.of("abc123"), "ci", Map.of("env", "staging"), Optional.empty());
        api.store.add(new SuiteRun(
                new RunId("checkout", 1),
                RunResult.FAILED,
                request,
                "eu-1",
                1,
                ApiFixture.NOW.minusSeconds(120),
                Optional.of(ApiFixture.NOW.minusSeconds(100)),
                Optional.of(ApiFixture.NOW.minusSeconds(10)),
                Optional.of(new Failure("@BeforeAll failed", "trace")),
                new TestCounts(3, 1, 1, 2, 1)));

        JsonNode run = json(api.get("/suites/checkout/runs")).get("runs").get(0);

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
                        "url");
        assertThat(run.get("suite").asText()).isEqualTo("checkout");
        assertThat(run.get("number").asLong()).isEqualTo(1);
        assertThat(run.get("result").asText()).isEqualTo("failed");
        assertThat(run.get("filter").asText()).isEqualTo("pay.*");
        assertThat(run.get("ref").asText()).isEqualTo("abc123");
        assertThat(run.get("initiatedBy").asText()).isEqualTo("ci");
        assertThat(run.get("parameters").get("env").asText()).isEqualTo("staging");
        assertThat(run.get("environment").asText()).isEqualTo("eu-1");
        assertThat(run.get("execution").asInt()).isEqualTo(1);
        assertThat(run.get("createdAt").asText()).isEqualTo("2025-01-31T11:58:00Z");
        assertThat(run.get("startedAt").asText()).isEqualTo("2025-01-31T11:58:20Z");
        assertThat(run.get("finishedAt").asText()).isEqualTo("2025-01-31T11:59:50Z");
        assertThat(run.get("durationMillis").asLong()).isEqualTo(90_000);
        assertThat(run.get("failure").get("message").asText()).isEqualTo("@BeforeAll failed");
        assertThat(run.get("failure").get("stackTrace").asText()).isEqualTo("trace");
        assertThat(fieldNames(run.get("counts")))
                .containsExactly("passed", "failed", "softFailed", "skipped", "flaky", "total");
        assertThat(run.get("counts").get("total").asInt()).isEqualTo(7);
        assertThat(run.get("url").asText()).isEqualTo("/suites/checkout/runs/1");
    }

    @Test
    void absentValuesAreNull() {
        api.store.add(new SuiteRun(
                new RunId("checkout", 1),
                RunResult.PENDING,
                RunRequest.of("api"),
                "",
                0,
                ApiFixture.NOW,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                TestCounts.NONE));

        JsonNode run = json(api.get("/suites/checkout/runs")).get("runs").get(0);

        assertThat(run.get("filter").isNull()).isTrue();
        assertThat(run.get("ref").isNull()).isTrue();
        assertThat(run.get("startedAt").isNull()).isTrue();
        assertThat(run.get("finishedAt").isNull()).isTrue();
        assertThat(run.get("durationMillis").isNull()).isTrue();
        assertThat(run.get("failure").isNull()).isTrue();
    }

    @Test
    void runningRunLastsUntilNow() {
        api.store.add(ApiFixture.runningRun("checkout", 1));

        JsonNode run = json(api.get("/suites/checkout/runs")).get("runs").get(0);

        assertThat(run.get("durationMillis").asLong()).isEqualTo(20_000);
    }

    @Test
    void runsAreNewestFirstWithoutNextWhenThePageIsNotFull() {
        for (int number = 1; number <= 3; number++) {
            api.store.add(finishedRun("checkout", number, RunResult.PASSED));
        }

        HttpResponse<String> response = api.get("/suites/checkout/runs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode page = json(response);
        assertThat(fieldNames(page)).containsExactly("suite", "runs", "next");
        assertThat(page.get("suite").asText()).isEqualTo("checkout");
        assertThat(page.get("runs"))
                .extracting(run -> run.get("number").asLong())
                .containsExactly(3L, 2L, 1L);
        assertThat(page.get("next").isNull()).isTrue();
        assertThat(api.store.lastQuery.limit()).isEqualTo(50);
    }

    @Test
    void fullPageLinksTheNextOne() {
        for (int number = 1; number <= 5; number++) {
            api.store.add(finishedRun("checkout", number, RunResult.PASSED));
        }

        JsonNode first = json(api.get("/suites/checkout/runs?limit=2"));
        assertThat(first.get("runs"))
                .extracting(run -> run.get("number").asLong())
                .containsExactly(5L, 4L);
        assertThat(first.get("next").asText()).isEqualTo("/suites/checkout/runs?before=4&limit=2");

        JsonNode second = json(api.get(first.get("next").asText()));
        assertThat(second.get("runs"))
                .extracting(run -> run.get("number").asLong())
                .containsExactly(3L, 2L);

        JsonNode last = json(api.get(second.get("next").asText()));
        assertThat(last.get("runs"))
                .extracting(run -> run.get("number").asLong())
                .containsExactly(1L);
        assertThat(last.get("next").isNull()).isTrue();
    }

    @Test
    void nextLinkKeepsTheFiltersEncoded() {
        RunRequest request = new RunRequest(Optional.empty(), Optional.of("v1 2&3"), "ci", Map.of(), Optional.empty());
        for (int number = 1; number <= 3; number++) {
            api.store.add(new SuiteRun(
                    new RunId("search things", number),
                    RunResult.PASSED,
                    request,
                    "",
                    0,
                    ApiFixture.NOW,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    TestCounts.NONE));
        }

        JsonNode page = json(api.get("/suites/search%20things/runs?limit=1&result=passed&ref=v1%202%263"));

        assertThat(api.store.lastQuery.result()).contains(RunResult.PASSED);
        assertThat(api.store.lastQuery.ref()).contains("v1 2&3");
        assertThat(page.get("next").asText())
                .isEqualTo("/suites/search%20things/runs?before=3&limit=1&result=passed&ref=v1%202%263");
        JsonNode next = json(api.get(page.get("next").asText()));
        assertThat(next.get("runs"))
                .extracting(run -> run.get("number").asLong())
                .containsExactly(2L);
    }

    @Test
    void resultAndRefFilterTheRuns() {
        api.store.add(finishedRun("checkout", 1, RunResult.PASSED));
        api.store.add(finishedRun("checkout", 2, RunResult.FAILED));
        api.store.add(finishedRun("checkout", 3, RunResult.PASSED));

        JsonNode page = json(api.get("/suites/checkout/runs?result=passed&limit=1"));

        assertThat(page.get("runs"))
                .extracting(run -> run.get("number").asLong())
                .containsExactly(3L);
        assertThat(page.get("next").asText()).isEqualTo("/suites/checkout/runs?before=3&limit=1&result=passed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            limit=0       | limit  | limit '0' must be a whole number from 1 to 500
            limit=501     | limit  | limit '501' must be a whole number from 1 to 500
            limit=ten     | limit  | limit 'ten' must be a whole number from 1 to 500
            limit=-1      | limit  | limit '-1' must be a whole number from 1 to 500
            before=0      | before | before '0' must be a run number, a whole number from 1 up
            before=1.5    | before | before '1.5' must be a run number, a whole number from 1 up
            before=99999999999999999999 | before | before '99999999999999999999' must be a run number, a whole number from 1 up
            result=green  | result | result 'green' must be one of pending, running, passed, flaky, failed, cancelled
            """)
    void badQueryParameterIsABadRequestNamingIt(String query, String parameter, String detail) {
        JsonNode problem = problem(api.get("/suites/checkout/runs?" + query), 400);

        assertThat(problem.get("parameter").asText()).isEqualTo(parameter);
        assertThat(problem.get("detail").asText()).isEqualTo(detail);
        assertThat(problem.get("instance").asText()).isEqualTo("/suites/checkout/runs");
    }

    @Test
    void runsOfUnknownSuiteAreNotFound() {
        JsonNode problem = problem(api.get("/suites/nope/runs"), 404);

        assertThat(problem.get("detail").asText()).isEqualTo("no suite named 'nope'");
    }
}
