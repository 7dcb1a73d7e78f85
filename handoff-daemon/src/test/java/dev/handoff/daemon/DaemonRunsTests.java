package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.FailingSuite;
import dev.handoff.daemon.fixtures.FlakySuite;
import dev.handoff.daemon.fixtures.NestedSetupFailureSuite;
import dev.handoff.daemon.fixtures.NestedSuite;
import dev.handoff.daemon.fixtures.ParameterizedSuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.RecoveringSuite;
import dev.handoff.daemon.fixtures.SetupFailureSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import dev.handoff.daemon.fixtures.SoftSuite;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A daemon in this process on a free port, its H2 file in a temporary folder, driven over HTTP. */
class DaemonRunsTests {

    @TempDir
    Path dataDir;

    private Handoff handoff;
    private Daemons http;

    @BeforeEach
    void start() {
        SlowSuite.release = new CountDownLatch(1);
        RecoveringSuite.repaired = false;
        NestedSetupFailureSuite.repaired = false;
        handoff = start(dataDir);
        http = new Daemons(handoff.url());
    }

    static Handoff start(Path dataDir) {
        return Daemons.started(Daemons.local(
                        dataDir,
                        PassingSuite.class,
                        FlakySuite.class,
                        FailingSuite.class,
                        SoftSuite.class,
                        SetupFailureSuite.class,
                        SlowSuite.class,
                        ParameterizedSuite.class,
                        RecoveringSuite.class,
                        NestedSuite.class,
                        NestedSetupFailureSuite.class)
                .environment("staging-eu"));
    }

    @AfterEach
    void stop() {
        SlowSuite.release.countDown();
        handoff.close();
    }

    @Test
    void runWhoseTestsAllPassPassesAndKeepsItsRequest() {
        long number = http.trigger("PassingSuite", "ref=abc123&initiatedBy=alice");

        JsonNode run = http.awaitFinished("PassingSuite", number);

        assertThat(run.get("result").asText()).isEqualTo("passed");
        assertThat(run.get("ref").asText()).isEqualTo("abc123");
        assertThat(run.get("initiatedBy").asText()).isEqualTo("alice");
        assertThat(run.get("environment").asText()).isEqualTo("staging-eu");
        assertThat(run.get("counts").get("passed").asInt()).isEqualTo(2);
        assertThat(names(run)).containsExactlyInAnyOrder("logsItsRunNumber", "passes");
    }

    @Test
    void runsAreNumberedPerSuiteAndTestsSeeTheirNumber() {
        http.awaitFinished("PassingSuite", http.trigger("PassingSuite", ""));
        long second = http.trigger("PassingSuite", "");
        long other = http.trigger("FailingSuite", "");

        http.awaitFinished("PassingSuite", second);
        JsonNode attempt = http.get("/suites/PassingSuite/runs/" + second + "/tests/logsItsRunNumber")
                .json()
                .get("attempts")
                .get(0);

        assertThat(second).isEqualTo(2);
        assertThat(other).isEqualTo(1);
        assertThat(attempt.get("log").asText()).contains(" log run 2\n", " stdout printed to stdout\n");
    }

    @Test
    void whatATestPrintsIsInItsAttemptsLogOnlyNotOnTheDaemonsConsole() {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        long number;
        try {
            number = http.trigger("PassingSuite", "");
            http.awaitFinished("PassingSuite", number);
            System.out.println("the daemon's own line");
        } finally {
            System.setOut(console);
        }
        JsonNode attempt = http.get("/suites/PassingSuite/runs/" + number + "/tests/logsItsRunNumber")
                .json()
                .get("attempts")
                .get(0);

        assertThat(attempt.get("log").asText()).contains(" stdout printed to stdout\n");
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("the daemon's own line")
                .doesNotContain("printed to stdout");
    }

    @Test
    void testPassingAfterAFailedAttemptMakesTheRunFlakyAndKeepsBothAttempts() {
        long number = http.trigger("FlakySuite", "");

        JsonNode run = http.awaitFinished("FlakySuite", number);
        JsonNode attempts = http.get("/suites/FlakySuite/runs/" + number + "/tests/passesOnSecondAttempt")
                .json()
                .get("attempts");

        assertThat(run.get("result").asText()).isEqualTo("flaky");
        assertThat(attempts).extracting(a -> a.get("result").asText()).containsExactly("retrying", "passed");
        assertThat(attempts.get(0).get("failure").get("message").asText()).isEqualTo("not ready on attempt 1");
        assertThat(attempts.get(1).get("flaky").asBoolean()).isTrue();
    }

    @Test
    void failedTestFailsTheRunWithItsMessageAndStackTrace() {
        long number = http.trigger("FailingSuite", "");

        JsonNode run = http.awaitFinished("FailingSuite", number);
        JsonNode failed = test(run, "fails");

        assertThat(run.get("result").asText()).isEqualTo("failed");
        assertThat(failed.get("result").asText()).isEqualTo("failed");
        assertThat(failed.get("failure").get("message").asText()).isEqualTo("expected status 200 but was 503");
        assertThat(failed.get("failure").get("stackTrace").asText()).contains("FailingSuite.fails");
    }

    @Test
    void softFailureDoesNotFailTheRun() {
        JsonNode run = http.awaitFinished("SoftSuite", http.trigger("SoftSuite", ""));

        assertThat(run.get("result").asText()).isEqualTo("passed");
        assertThat(test(run, "failsSoftly").get("result").asText()).isEqualTo("soft-failed");
        assertThat(run.get("counts").get("softFailed").asInt()).isEqualTo(1);
    }

    @Test
    void setupFailureFailsTheRunAndKeepsTheSetupLog() {
        JsonNode run = http.awaitFinished("SetupFailureSuite", http.trigger("SetupFailureSuite", ""));

        assertThat(run.get("result").asText()).isEqualTo("failed");
        assertThat(run.get("failure").get("message").asText()).contains("system under test is down");
        assertThat(run.get("setupLog").asText()).contains("connecting to the system under test");
        assertThat(test(run, "neverRuns").get("result").asText()).isEqualTo("skipped");
    }

    @Test
    void parameterizedTestIsOneTestWithItsAttempts() {
        JsonNode run = http.awaitFinished("ParameterizedSuite", http.trigger("ParameterizedSuite", ""));

        assertThat(run.get("result").asText()).isEqualTo("flaky");
        assertThat(names(run)).containsExactly("checks");
    }

    @Test
    void triggerOfAMistypedSuiteNamesTheSuiteMeantAndStartsNothing() {
        Daemons.Response cutShort = http.post("/suites/PassingSuit/runs");
        Daemons.Response otherCase = http.post("/suites/passingsuite/runs");

        assertThat(cutShort.status()).isEqualTo(404);
        assertThat(cutShort.json().get("detail").asText())
                .isEqualTo("no suite named 'PassingSuit'; did you mean 'PassingSuite'?");
        assertThat(otherCase.json().get("detail").asText())
                .isEqualTo("no suite named 'passingsuite'; did you mean 'PassingSuite'?");
        assertThat(http.get("/suites/PassingSuite/runs").json().get("runs")).isEmpty();
    }

    @Test
    void filterRunsOnlyTheMatchingTestsAndListsTheOthersSkipped() {
        JsonNode run = http.awaitFinished("FailingSuite", http.trigger("FailingSuite", "filter=pass"));

        assertThat(run.get("result").asText()).isEqualTo("passed");
        assertThat(run.get("filter").asText()).isEqualTo("pass");
        assertThat(names(run)).containsExactlyInAnyOrder("passes", "fails");
        assertThat(test(run, "fails").get("result").asText()).isEqualTo("skipped");
    }

    @Test
    void nestedTestKeepsSpansValuesLogAndRunParameters() {
        Daemons.Response created = http.postJson("/suites/NestedSuite/runs", "{\"parameters\":{\"card\":\"amex\"}}");
        long number = created.json().get("number").asLong();

        http.awaitFinished("NestedSuite", number);
        JsonNode attempt = http.get("/suites/NestedSuite/runs/" + number + "/tests/Checkout/paysWithCard")
                .json()
                .get("attempts")
                .get(0);

        assertThat(created.status()).isEqualTo(201);
        assertThat(attempt.get("log").asText()).contains("paid with amex");
        assertThat(attempt.get("values").get("orderId").asText()).isEqualTo("A-17");
        assertThat(attempt.get("spans").get(0).get("name").asText()).isEqualTo("authorize");
        assertThat(attempt.get("spans").get(0).get("attributes").get("amount").asText())
                .isEqualTo("42");
    }

    @Test
    void runShowsItsProgressAndRunsOfOneSuiteQueue() {
        long first = http.trigger("SlowSuite", "");
        long second = http.trigger("SlowSuite", "");

        http.await("SlowSuite", first, run -> run.get("result").asText().equals("running"), "running");
        assertThat(http.run("SlowSuite", second).get("result").asText()).isEqualTo("pending");
        SlowSuite.release.countDown();

        assertThat(http.awaitFinished("SlowSuite", first).get("result").asText())
                .isEqualTo("passed");
        assertThat(http.awaitFinished("SlowSuite", second).get("result").asText())
                .isEqualTo("passed");
    }

    @Test
    void runsOfDifferentSuitesGoInParallel() {
        long slow = http.trigger("SlowSuite", "");
        http.await("SlowSuite", slow, run -> run.get("result").asText().equals("running"), "running");

        JsonNode passing = http.awaitFinished("PassingSuite", http.trigger("PassingSuite", ""));

        assertThat(passing.get("result").asText()).isEqualTo("passed");
        assertThat(http.run("SlowSuite", slow).get("result").asText()).isEqualTo("running");
    }

    @Test
    void cancellingAPendingRunEndsItAtOnce() {
        long first = http.trigger("SlowSuite", "");
        long second = http.trigger("SlowSuite", "");

        Daemons.Response cancelled = http.post("/suites/SlowSuite/runs/" + second + "/cancel");

        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(http.run("SlowSuite", second).get("result").asText()).isEqualTo("cancelled");
        assertThat(http.run("SlowSuite", first).get("result").asText()).isIn("pending", "running");
    }

    @Test
    void cancellingARunningRunStopsItsTest() {
        long number = http.trigger("SlowSuite", "");
        http.await("SlowSuite", number, run -> run.get("result").asText().equals("running"), "running");

        assertThat(http.post("/suites/SlowSuite/runs/" + number + "/cancel").status())
                .isEqualTo(202);
        JsonNode run = http.awaitFinished("SlowSuite", number);

        assertThat(run.get("result").asText()).isEqualTo("cancelled");
        assertThat(http.post("/suites/SlowSuite/runs/" + number + "/cancel").status())
                .isEqualTo(409);
    }

    @Test
    void retryRunsTheFailedTestsAgainAsNewAttemptsOfTheSameRun() {
        long number = http.trigger("RecoveringSuite", "");
        assertThat(http.awaitFinished("RecoveringSuite", number).get("result").asText())
                .isEqualTo("failed");
        RecoveringSuite.repaired = true;

        Daemons.Response retried = http.post("/suites/RecoveringSuite/runs/" + number + "/retry");
        JsonNode run = http.awaitFinished("RecoveringSuite", number);

        assertThat(retried.status()).isEqualTo(202);
        assertThat(run.get("result").asText()).isEqualTo("flaky");
        assertThat(run.get("execution").asInt()).isEqualTo(1);
        assertThat(test(run, "needsRepair").get("attempts").asInt()).isEqualTo(2);
        assertThat(test(run, "passes").get("attempts").asInt()).isEqualTo(1);
        JsonNode attempts = http.get("/suites/RecoveringSuite/runs/" + number + "/tests/needsRepair")
                .json()
                .get("attempts");
        assertThat(attempts).extracting(a -> a.get("number").asInt()).containsExactly(1, 2);
        assertThat(attempts).extracting(a -> a.get("maxAttempts").asInt()).containsExactly(1, 2);
    }

    @Test
    void testsOfANestedClassSkippedByAFailedSetupAreRecordedAndRetried() {
        long number = http.trigger("NestedSetupFailureSuite", "");
        JsonNode failed = http.awaitFinished("NestedSetupFailureSuite", number);
        NestedSetupFailureSuite.repaired = true;

        http.post("/suites/NestedSetupFailureSuite/runs/" + number + "/retry");
        JsonNode retried = http.awaitFinished("NestedSetupFailureSuite", number);

        assertThat(names(failed)).containsExactlyInAnyOrder("top", "Orders/places");
        assertThat(test(failed, "Orders/places").get("result").asText()).isEqualTo("skipped");
        assertThat(retried.get("result").asText()).isEqualTo("passed");
        assertThat(test(retried, "Orders/places").get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void overlongRefIsRefusedNamingIt() {
        Daemons.Response response = http.post("/suites/PassingSuite/runs?ref=" + "a".repeat(501));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("parameter").asText()).isEqualTo("ref");
        assertThat(response.json().get("detail").asText()).isEqualTo("ref must be at most 500 characters, got 501");
    }

    @Test
    void retryOfARunningOrPassedRunIsAConflict() {
        long slow = http.trigger("SlowSuite", "");
        http.await("SlowSuite", slow, run -> run.get("result").asText().equals("running"), "running");
        long passed = http.trigger("PassingSuite", "");
        http.awaitFinished("PassingSuite", passed);

        assertThat(http.post("/suites/SlowSuite/runs/" + slow + "/retry").status())
                .isEqualTo(409);
        assertThat(http.post("/suites/PassingSuite/runs/" + passed + "/retry").status())
                .isEqualTo(409);
    }

    @Test
    void fiftyConcurrentTriggersWithOneIdempotencyKeyGiveOneRun() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Daemons.Response>> responses = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 50; i++) {
            responses.add(pool.submit(() -> {
                go.await();
                return http.postWithKey("/suites/PassingSuite/runs", "deploy-42");
            }));
        }
        go.countDown();
        Set<Long> numbers = new HashSet<>();
        int created = 0;
        for (Future<Daemons.Response> response : responses) {
            Daemons.Response r = response.get();
            assertThat(r.status()).isIn(200, 201);
            created += r.status() == 201 ? 1 : 0;
            numbers.add(r.json().get("number").asLong());
        }
        pool.shutdown();

        assertThat(created).isEqualTo(1);
        assertThat(numbers).containsExactly(1L);
        assertThat(http.get("/suites/PassingSuite/runs").json().get("runs")).hasSize(1);
    }

    @Test
    void runsAndNumberingSurviveARestart() {
        long number = http.trigger("PassingSuite", "");
        http.awaitFinished("PassingSuite", number);
        handoff.close();

        handoff = start(dataDir);
        http = new Daemons(handoff.url());

        assertThat(http.run("PassingSuite", number).get("result").asText()).isEqualTo("passed");
        assertThat(http.trigger("PassingSuite", "")).isEqualTo(number + 1);
    }

    @Test
    void runStoppedByShutdownResumesAtTheNextStart() {
        handoff.close();
        handoff = Daemons.local(dataDir, SlowSuite.class)
                .shutdownGrace(java.time.Duration.ofMillis(200))
                .build()
                .start();
        http = new Daemons(handoff.url());
        long number = http.trigger("SlowSuite", "");
        http.await("SlowSuite", number, run -> run.get("result").asText().equals("running"), "running");

        handoff.close();
        SlowSuite.release.countDown();
        handoff = start(dataDir);
        http = new Daemons(handoff.url());
        JsonNode run = http.awaitFinished("SlowSuite", number);

        assertThat(run.get("result").asText()).isEqualTo("passed");
        assertThat(test(run, "waitsForRelease").get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void junitXmlHoldsEveryAttempt() {
        long number = http.trigger("FlakySuite", "");
        http.awaitFinished("FlakySuite", number);

        Daemons.Response xml = http.get("/suites/FlakySuite/runs/" + number + "/junit.xml");

        assertThat(xml.status()).isEqualTo(200);
        assertThat(xml.contentType()).startsWith("application/xml");
        assertThat(xml.body()).contains("<testsuite", "passesOnSecondAttempt", "passesOnSecondAttempt (attempt 2)");
    }

    @Test
    void junitXmlNamesEachTestcasesClassAsSurefireDoes() {
        long number = http.trigger("FlakySuite", "");
        http.awaitFinished("FlakySuite", number);

        String xml =
                http.get("/suites/FlakySuite/runs/" + number + "/junit.xml").body();

        assertThat(xml)
                .contains("classname=\"" + FlakySuite.class.getName() + "\"")
                .doesNotContain("classname=\"FlakySuite\"");
    }

    @Test
    void invalidFilterIsRefusedNamingIt() {
        Daemons.Response response = http.post("/suites/PassingSuite/runs?filter=(");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("parameter").asText()).isEqualTo("filter");
        assertThat(response.json().get("detail").asText())
                .isEqualTo("filter '(' is not a valid regular expression: Unclosed group near index 1");
    }

    @Test
    void filterMatchingNoTestIsRefusedListingTheTests() {
        Daemons.Response response = http.post("/suites/FailingSuite/runs?filter=nothing");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asText())
                .isEqualTo("filter 'nothing' matches none of the tests of suite 'FailingSuite': fails, passes");
        assertThat(http.get("/suites/FailingSuite/runs").json().get("runs")).isEmpty();
    }

    @Test
    void triggerWhileShuttingDownGets503() throws Exception {
        handoff.close();
        handoff = Daemons.local(dataDir, SlowSuite.class, PassingSuite.class)
                .shutdownGrace(java.time.Duration.ofSeconds(20))
                .build()
                .start();
        http = new Daemons(handoff.url());
        long number = http.trigger("SlowSuite", "");
        http.await("SlowSuite", number, run -> run.get("result").asText().equals("running"), "running");
        Handoff draining = handoff;
        Thread closing = Thread.ofVirtual().start(draining::close);
        Daemons.Response response;
        do {
            response = http.post("/suites/PassingSuite/runs");
        } while (response.status() == 201 && closing.isAlive());

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/ready").status()).isEqualTo(503);
        SlowSuite.release.countDown();
        closing.join(java.time.Duration.ofSeconds(20));
        handoff = start(dataDir);
        http = new Daemons(handoff.url());
        assertThat(http.run("SlowSuite", number).get("result").asText()).isEqualTo("passed");
    }

    @Test
    void runsOlderThanTheRetentionAreRemoved() {
        long number = http.trigger("PassingSuite", "");
        http.awaitFinished("PassingSuite", number);
        handoff.close();

        handoff = Daemons.local(dataDir, PassingSuite.class)
                .retention(java.time.Duration.ofMillis(1))
                .build()
                .start();
        http = new Daemons(handoff.url());

        java.time.Instant deadline = java.time.Instant.now().plus(Daemons.PATIENCE);
        while (http.get("/suites/PassingSuite/runs/" + number).status() != 404
                && java.time.Instant.now().isBefore(deadline)) {
            Runs.sleep();
        }
        assertThat(http.get("/suites/PassingSuite/runs/" + number).status()).isEqualTo(404);
        assertThat(http.get("/suites/PassingSuite/runs").json().get("runs")).isEmpty();
    }

    @Test
    void portInUseFailsTheStartNamingIt(@TempDir Path otherDataDir) {
        Handoff second = Handoff.builder()
                .suites(PassingSuite.class)
                .host("127.0.0.1")
                .port(handoff.port())
                .dataDir(otherDataDir)
                .build();
        try {
            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + handoff.port()
                            + ": the port is in use, or the address is not one of this machine's");
        } finally {
            second.close();
        }
    }

    @Test
    void overlongEnvironmentStopsTheStartNamingIt(@TempDir Path otherDataDir) {
        assertThatThrownBy(() -> Handoff.builder()
                        .suites(PassingSuite.class)
                        .dataDir(otherDataDir)
                        .environment("e".repeat(501))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment(" + "e".repeat(60) + "…) must be at most 500 characters, got 501");
    }

    private static List<String> names(JsonNode run) {
        List<String> names = new ArrayList<>();
        run.get("tests").forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    private static JsonNode test(JsonNode run, String name) {
        for (JsonNode test : run.get("tests")) {
            if (test.get("name").asText().equals(name)) {
                return test;
            }
        }
        throw new AssertionError("no test " + name + " in " + run);
    }
}
