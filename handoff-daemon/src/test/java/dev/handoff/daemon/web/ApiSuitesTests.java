package dev.handoff.daemon.web;

import static dev.handoff.daemon.web.ApiFixture.json;
import static dev.handoff.daemon.web.ApiFixture.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.model.RunResult;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiSuitesTests {

    private final ApiFixture api = new ApiFixture();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void homeRedirectsToSuites() {
        HttpResponse<String> response = api.get("/");

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/suites");
    }

    @Test
    void suitesListsEverySuiteByNameWithItsFields() {
        HttpResponse<String> response = api.get("/suites");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ApiFixture.contentType(response)).startsWith("application/json");
        JsonNode suites = json(response).get("suites");
        assertThat(suites).hasSize(2);
        JsonNode checkout = suites.get(0);
        assertThat(fieldNames(checkout))
                .containsExactly(
                        "name",
                        "namespace",
                        "description",
                        "labels",
                        "tests",
                        "maxAttempts",
                        "attemptsPerTest",
                        "concurrentRuns",
                        "timeout",
                        "latestRun",
                        "url");
        assertThat(checkout.get("name").asText()).isEqualTo("checkout");
        assertThat(checkout.get("namespace").asText()).isEqualTo("shop");
        assertThat(checkout.get("description").asText()).isEqualTo("Buying things");
        assertThat(checkout.get("labels")).extracting(JsonNode::asText).containsExactly("smoke", "payments");
        assertThat(checkout.get("tests")).extracting(JsonNode::asText).containsExactly("pays", "Nested/refunds");
        assertThat(checkout.get("maxAttempts").asInt()).isEqualTo(3);
        assertThat(checkout.get("attemptsPerTest").toString()).isEqualTo("{\"least\":3,\"most\":3}");
        assertThat(checkout.get("concurrentRuns").asInt()).isEqualTo(1);
        assertThat(checkout.get("timeout").asText()).isEqualTo("5m");
        assertThat(checkout.get("url").asText()).isEqualTo("/suites/checkout");
    }

    @Test
    void suiteWithoutTimeoutOrRunsHasNulls() {
        JsonNode search = json(api.get("/suites")).get("suites").get(1);

        assertThat(search.get("timeout").isNull()).isTrue();
        assertThat(search.get("latestRun").isNull()).isTrue();
    }

    @Test
    void suiteNamesArePercentEncodedInUrls() {
        JsonNode search = json(api.get("/suites")).get("suites").get(1);

        assertThat(search.get("url").asText()).isEqualTo("/suites/search%20things");
        assertThat(api.get("/suites/search%20things").statusCode()).isEqualTo(200);
    }

    @Test
    void theOverviewsFiltersNarrowTheJsonListToo() {
        assertThat(names("/suites?namespace=shop")).containsExactly("checkout");
        assertThat(names("/suites?label=payments")).containsExactly("checkout");
        assertThat(names("/suites?q=SEARCH")).containsExactly("search things");
        assertThat(names("/suites?q=buying")).as("the description counts").containsExactly("checkout");
        assertThat(names("/suites?namespace=shop&q=search"))
                .as("every filter must match")
                .isEmpty();
        assertThat(names("/suites?namespace=&label=&q="))
                .as("empty filters are absent")
                .containsExactly("checkout", "search things");
    }

    private List<String> names(String path) {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        List<String> names = new java.util.ArrayList<>();
        json(response)
                .get("suites")
                .forEach(suite -> names.add(suite.get("name").asText()));
        return names;
    }

    @Test
    void suiteShowsItsLatestRun() {
        api.store.add(ApiFixture.finishedRun("checkout", 1, RunResult.PASSED));
        api.store.add(ApiFixture.finishedRun("checkout", 2, RunResult.FAILED));

        HttpResponse<String> response = api.get("/suites/checkout");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode latest = json(response).get("latestRun");
        assertThat(latest.get("number").asLong()).isEqualTo(2);
        assertThat(latest.get("result").asText()).isEqualTo("failed");
        assertThat(latest.get("url").asText()).isEqualTo("/suites/checkout/runs/2");
    }

    @Test
    void unknownSuiteIsNotFound() {
        JsonNode problem = problem(api.get("/suites/nope"), 404);

        assertThat(problem.get("detail").asText()).isEqualTo("no suite named 'nope'");
        assertThat(problem.get("instance").asText()).isEqualTo("/suites/nope");
    }

    static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(java.util.Map.Entry::getKey).toList();
    }
}
