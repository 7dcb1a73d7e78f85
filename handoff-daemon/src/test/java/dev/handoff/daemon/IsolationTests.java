package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.DollarSuite;
import dev.handoff.daemon.fixtures.EuroSuite;
import dev.handoff.daemon.fixtures.ExitingSuite;
import dev.handoff.daemon.fixtures.HeapSuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import dev.handoff.daemon.fixtures.TimedOutSuite;
import dev.handoff.daemon.runner.Isolation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in a JVM of their own ({@code --isolation fork}) over HTTP: what they keep apart, how a
 * child that dies fails its run while the daemon goes on, and that stops reach the child.
 */
class IsolationTests {

    @TempDir
    Path dataDir;

    private final List<Handoff> daemons = new ArrayList<>();

    @AfterEach
    void stop() {
        daemons.forEach(Handoff::close);
    }

    private Daemons serve(Isolation isolation, List<String> jvmArgs, Class<?>... suites) {
        Handoff handoff = Daemons.started(Daemons.local(dataDir, suites)
                .isolation(isolation)
                .forkJvmArgs(jvmArgs)
                .shutdownGrace(Duration.ZERO));
        daemons.add(handoff);
        return new Daemons(handoff.url());
    }

    @Test
    void forkedRunsKeepTheirOwnSystemPropertiesAndLocaleWhenTriggeredTogether() {
        Daemons http = serve(Isolation.FORK, List.of(), EuroSuite.class, DollarSuite.class);

        long euro = http.trigger("EuroSuite", "");
        long dollar = http.trigger("DollarSuite", "");

        assertThat(http.awaitFinished("EuroSuite", euro).get("result").asText()).isEqualTo("passed");
        assertThat(http.awaitFinished("DollarSuite", dollar).get("result").asText())
                .isEqualTo("passed");
    }

    @Test
    void inProcessRunsTriggeredTogetherSeeEachOthersSystemPropertiesAndLocale() {
        Daemons http = serve(Isolation.NONE, List.of(), EuroSuite.class, DollarSuite.class);

        long euro = http.trigger("EuroSuite", "");
        long dollar = http.trigger("DollarSuite", "");

        List<String> failures = new ArrayList<>();
        for (JsonNode run : List.of(http.awaitFinished("EuroSuite", euro), http.awaitFinished("DollarSuite", dollar))) {
            run.get("tests").forEach(test -> {
                if (test.hasNonNull("failure")) {
                    failures.add(test.get("failure").get("message").asText());
                }
            });
        }
        assertThat(failures)
                .as("what README's Isolation shows")
                .isNotEmpty()
                .allSatisfy(message -> assertThat(message).containsAnyOf("shop.currency", "default locale"));
    }

    @Test
    void testThatExitsTheJvmFailsItsRunWithTheExitCodeAndTheTestWhileTheDaemonGoesOn() {
        Daemons http = serve(Isolation.FORK, List.of(), ExitingSuite.class, PassingSuite.class);

        JsonNode run = http.awaitFinished("ExitingSuite", http.trigger("ExitingSuite", ""));

        assertThat(run.get("result").asText()).isEqualTo("failed");
        assertThat(run.get("failure").get("message").asText())
                .isEqualTo("the run's JVM exited with code 3 while running test exitsTheJvm");
        assertThat(test(run, "passesFirst").get("result").asText()).isEqualTo("passed");
        assertThat(test(run, "exitsTheJvm").get("failure").get("message").asText())
                .isEqualTo("the run's JVM exited with code 3 while running test exitsTheJvm");
        assertThat(http.awaitFinished("PassingSuite", http.trigger("PassingSuite", ""))
                        .get("result")
                        .asText())
                .as("the daemon still runs suites")
                .isEqualTo("passed");
    }

    @Test
    void testThatExhaustsItsHeapFailsItsRunSayingSoWhileTheDaemonGoesOn() {
        Daemons http = serve(Isolation.FORK, List.of("-Xmx64m"), HeapSuite.class, PassingSuite.class);

        JsonNode run = http.awaitFinished("HeapSuite", http.trigger("HeapSuite", ""));

        assertThat(run.get("result").asText()).isEqualTo("failed");
        assertThat(run.get("failure").get("message").asText())
                .isEqualTo("the run's JVM ran out of memory (java.lang.OutOfMemoryError: Java heap space) "
                        + "while running test fillsTheHeap; give it more with --fork-jvm-args -Xmx...");
        assertThat(http.get("/suites").status()).isEqualTo(200);
        assertThat(http.awaitFinished("PassingSuite", http.trigger("PassingSuite", ""))
                        .get("result")
                        .asText())
                .isEqualTo("passed");
    }

    @Test
    void cancelStopsAForkedRunWithinMoments() {
        Daemons http = serve(Isolation.FORK, List.of(), SlowSuite.class);
        long number = http.trigger("SlowSuite", "");
        http.await("SlowSuite", number, run -> run.get("running").size() > 0, "running its test");

        Instant cancelled = Instant.now();
        assertThat(http.post("/suites/SlowSuite/runs/" + number + "/cancel").status())
                .isEqualTo(202);
        JsonNode run = http.awaitFinished("SlowSuite", number);

        assertThat(run.get("result").asText()).isEqualTo("cancelled");
        assertThat(Duration.between(cancelled, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(test(run, "waitsForRelease").get("failure").get("message").asText())
                .contains("run cancelled");
    }

    @Test
    void suiteTimeoutFailsAForkedRun() {
        Daemons http = serve(Isolation.FORK, List.of(), TimedOutSuite.class);

        JsonNode run = http.awaitFinished("TimedOutSuite", http.trigger("TimedOutSuite", ""));

        assertThat(run.get("result").asText()).isEqualTo("failed");
        assertThat(test(run, "sleepsTooLong").get("failure").get("message").asText())
                .contains("suite timeout 1s exceeded");
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
