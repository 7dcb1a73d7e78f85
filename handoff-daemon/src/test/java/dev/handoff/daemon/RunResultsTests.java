package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.FailingSuite;
import dev.handoff.daemon.fixtures.GateSuite;
import dev.handoff.daemon.fixtures.OverlappingSuite;
import dev.handoff.daemon.fixtures.RetriedSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run shows of its tests, on a daemon of this process over HTTP: the tests its filter left
 * out, and its counts while it runs.
 */
class RunResultsTests {

    @TempDir
    Path dataDir;

    private Handoff handoff;
    private Daemons http;

    @BeforeEach
    void start() {
        GateSuite.gate = new CountDownLatch(1);
        RetriedSuite.repaired = false;
        OverlappingSuite.release = new CountDownLatch(1);
        OverlappingSuite.mostAtOnce.set(0);
        SlowSuite.release = new CountDownLatch(1);
        handoff = Daemons.started(Daemons.local(
                dataDir,
                FailingSuite.class,
                GateSuite.class,
                OverlappingSuite.class,
                SlowSuite.class,
                RetriedSuite.class));
        http = new Daemons(handoff.url());
    }

    @AfterEach
    void stop() {
        RetriedSuite.repaired = false;
        GateSuite.gate.countDown();
        OverlappingSuite.release.countDown();
        SlowSuite.release.countDown();
        handoff.close();
    }

    /** Each test's result and reason, by name. */
    private static Map<String, String> outcomes(JsonNode run) {
        Map<String, String> outcomes = new TreeMap<>();
        run.get("tests").forEach(test -> {
            JsonNode failure = test.get("failure");
            outcomes.put(
                    test.get("name").asText(),
                    test.get("result").asText()
                            + (failure == null || failure.isNull()
                                    ? ""
                                    : ": " + failure.get("message").asText()));
        });
        return outcomes;
    }

    private static String counts(JsonNode run) {
        return run.get("counts").toString();
    }

    @Test
    void aTriggeredRunWithAFilterListsTheTestsItLeftOutAsSkipped() {
        long number = http.trigger("FailingSuite", "filter=pass");
        JsonNode run = http.awaitFinished("FailingSuite", number);

        assertThat(run.get("result").asText()).isEqualTo("passed");
        assertThat(outcomes(run))
                .containsExactly(
                        Map.entry("fails", "skipped: not selected by filter 'pass'"), Map.entry("passes", "passed"));
        assertThat(counts(run))
                .isEqualTo("{\"passed\":1,\"failed\":0,\"softFailed\":0,\"skipped\":1,\"flaky\":0,\"total\":2}");
        assertThat(http.get("/suites/FailingSuite/runs/" + number + "/junit.xml")
                        .body())
                .contains(
                        "tests=\"2\"", "skipped=\"1\"", "<skipped><![CDATA[not selected by filter 'pass']]></skipped>");
        assertThat(http.page("/suites/FailingSuite/runs/" + number).body())
                .contains(
                        "skipped</span></td><td>1</td><td>0 ms</td><td><div class=\"message\">not selected by filter 'pass'</div>");
        assertThat(handoff.metrics()
                        .lines()
                        .filter(line -> line.startsWith("handoff_tests_run_total{")
                                && line.contains("suite_name=\"FailingSuite\""))
                        .toList())
                .anySatisfy(
                        line -> assertThat(line).contains("result=\"skipped\"").endsWith(" 1.0"))
                .noneSatisfy(line -> assertThat(line).contains("result=\"failed\""));
    }

    @Test
    void aRetryOfAFilteredRunLeavesTheTestsItLeftOutSkipped() {
        long number = http.trigger("FailingSuite", "filter=fail");
        assertThat(http.awaitFinished("FailingSuite", number).get("result").asText())
                .isEqualTo("failed");

        assertThat(http.post("/suites/FailingSuite/runs/" + number + "/retry").status())
                .isEqualTo(202);
        JsonNode retried = http.await(
                "FailingSuite",
                number,
                run -> run.get("execution").asInt() == 1
                        && !run.get("result").asText().matches("pending|running"),
                "retried");

        assertThat(outcomes(retried))
                .containsExactly(
                        Map.entry("fails", "failed: expected status 200 but was 503"),
                        Map.entry("passes", "skipped: not selected by filter 'fail'"));
        assertThat(http.get("/suites/FailingSuite/runs/" + number + "/tests/passes")
                        .json()
                        .get("attempts"))
                .hasSize(1);
    }

    @Test
    void aScheduledRunWithAFilterListsTheTestsItLeftOutAsSkipped() {
        assertThat(http.putJson(
                                "/schedules/passing-only",
                                "{\"suite\":\"FailingSuite\",\"every\":\"1s\",\"filter\":\"pass\",\"maxRuns\":1}")
                        .status())
                .isEqualTo(201);
        List<JsonNode> runs = Schedules.awaitRuns(http, "FailingSuite", "schedule:passing-only", 1);
        JsonNode run =
                http.awaitFinished("FailingSuite", runs.get(0).get("number").asLong());

        assertThat(outcomes(run))
                .containsExactly(
                        Map.entry("fails", "skipped: not selected by filter 'pass'"), Map.entry("passes", "passed"));
        assertThat(counts(run))
                .isEqualTo("{\"passed\":1,\"failed\":0,\"softFailed\":0,\"skipped\":1,\"flaky\":0,\"total\":2}");
    }

    @Test
    void aRunCountsItsTestsWhileItRuns() {
        long number = http.trigger("GateSuite", "");

        JsonNode running = http.await(
                "GateSuite", number, run -> run.get("counts").get("failed").asInt() == 1, "counting its failed test");

        assertThat(running.get("result").asText()).isEqualTo("running");
        assertThat(counts(running))
                .isEqualTo("{\"passed\":1,\"failed\":1,\"softFailed\":0,\"skipped\":0,\"flaky\":0,\"total\":2}");
        assertThat(http.get("/suites/GateSuite/runs")
                        .json()
                        .get("runs")
                        .get(0)
                        .get("counts")
                        .toString())
                .isEqualTo(counts(running));
        GateSuite.gate.countDown();
        assertThat(counts(http.awaitFinished("GateSuite", number)))
                .isEqualTo("{\"passed\":2,\"failed\":1,\"softFailed\":0,\"skipped\":0,\"flaky\":0,\"total\":3}");
    }

    private static boolean isRunning(JsonNode run) {
        return run.get("result").asText().equals("running");
    }

    @Test
    void runsOfASuiteWithConcurrentRunsTwoOverlapTwoAtATime() {
        long first = http.trigger("OverlappingSuite", "");
        long second = http.trigger("OverlappingSuite", "");
        long third = http.trigger("OverlappingSuite", "");

        http.await("OverlappingSuite", first, RunResultsTests::isRunning, "running");
        http.await("OverlappingSuite", second, RunResultsTests::isRunning, "running beside the first");
        Schedules.pause(java.time.Duration.ofMillis(1500));

        assertThat(http.run("OverlappingSuite", third).get("result").asText()).isEqualTo("pending");
        OverlappingSuite.release.countDown();
        for (long number : List.of(first, second, third)) {
            assertThat(http.awaitFinished("OverlappingSuite", number)
                            .get("result")
                            .asText())
                    .isEqualTo("passed");
        }
        assertThat(OverlappingSuite.mostAtOnce.get()).isEqualTo(2);
        assertThat(http.get("/suites").json().get("suites").findValues("concurrentRuns").stream()
                        .map(JsonNode::asInt)
                        .toList())
                .containsExactlyInAnyOrder(1, 1, 2, 1, 1);
    }

    @Test
    void runsOfASuiteWithTheDefaultConcurrentRunsGoOneAfterAnother() {
        long first = http.trigger("SlowSuite", "");
        long second = http.trigger("SlowSuite", "");

        http.await("SlowSuite", first, RunResultsTests::isRunning, "running");
        Schedules.pause(java.time.Duration.ofMillis(1500));

        assertThat(http.run("SlowSuite", second).get("result").asText()).isEqualTo("pending");
        SlowSuite.release.countDown();
        JsonNode firstRun = http.awaitFinished("SlowSuite", first);
        JsonNode secondRun = http.awaitFinished("SlowSuite", second);
        assertThat(java.time.Instant.parse(secondRun.get("startedAt").asText()))
                .isAfterOrEqualTo(
                        java.time.Instant.parse(firstRun.get("finishedAt").asText()));
    }

    @Test
    void aRetriedRunShowsEachExecutionWithItsOwnDurationAndLeavesOutTheTimeBetween() {
        long number = http.trigger("RetriedSuite", "");
        assertThat(http.awaitFinished("RetriedSuite", number).get("result").asText())
                .isEqualTo("failed");
        Schedules.pause(java.time.Duration.ofSeconds(2));
        RetriedSuite.repaired = true;

        assertThat(http.post("/suites/RetriedSuite/runs/" + number + "/retry").status())
                .isEqualTo(202);
        JsonNode retried = http.await(
                "RetriedSuite",
                number,
                run -> run.get("execution").asInt() == 1
                        && !run.get("result").asText().matches("pending|running"),
                "retried");

        JsonNode executions = retried.get("executions");
        assertThat(executions).hasSize(2);
        assertThat(executions.findValuesAsText("label")).containsExactly("first execution", "retry 1");
        long executing = executions.get(0).get("durationMillis").asLong()
                + executions.get(1).get("durationMillis").asLong();
        assertThat(retried.get("durationMillis").asLong()).isBetween(executing - 2, executing + 2);
        java.time.Instant firstEnd =
                java.time.Instant.parse(executions.get(0).get("finishedAt").asText());
        java.time.Instant retryStart =
                java.time.Instant.parse(executions.get(1).get("startedAt").asText());
        assertThat(java.time.Duration.between(firstEnd, retryStart))
                .isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(2));
        java.time.Duration startToEnd = java.time.Duration.between(
                java.time.Instant.parse(retried.get("startedAt").asText()),
                java.time.Instant.parse(retried.get("finishedAt").asText()));
        assertThat(startToEnd.toMillis()).isGreaterThanOrEqualTo(executing + 2000);
        assertThat(http.page("/suites/RetriedSuite/runs/" + number).body())
                .contains("<h2>Executions</h2>", "<tr><td>first execution</td>", "<tr><td>retry 1</td>")
                .contains("in 2 executions, without the time between them");
        assertThat(http.page("/suites/RetriedSuite/runs/" + number + "/tests/failsUntilRepaired")
                        .body())
                .contains(
                        ">Attempt 1 of 2 in first execution <",
                        ">Attempt 2 of 2 in first execution <",
                        ">Attempt 1 of 2 in retry 1 <")
                .doesNotContain("of 4");
        assertThat(http.page("/suites/RetriedSuite").body())
                .contains("<tr><th scope=\"row\">Attempts per test</th><td>up to 1–3, by test</td></tr>");
    }
}
