package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.config.Isolation;
import dev.handoff.daemon.fixtures.DollarSuite;
import dev.handoff.daemon.fixtures.EuroSuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import dev.handoff.daemon.fixtures.TimedOutSuite;
import java.io.IOException;
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

    /**
     * Suites that end or exhaust their JVM: compiled by the test, out of the fixtures, which other
     * tests run in their own JVM (the demo runs every one).
     */
    private static final String EXITING_SUITE = """
            import dev.handoff.api.HandoffSuite;
            import org.junit.jupiter.api.MethodOrderer;
            import org.junit.jupiter.api.Order;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.TestMethodOrder;

            @HandoffSuite
            @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
            public class ExitingSuite {
                @Test @Order(1) void passesFirst() {}
                @Test @Order(2) void exitsTheJvm() { System.exit(3); }
                @Test @Order(3) void neverRuns() {}
            }
            """;

    private static final String HEAP_SUITE = """
            import dev.handoff.api.HandoffSuite;
            import java.util.ArrayList;
            import java.util.List;
            import org.junit.jupiter.api.Test;

            @HandoffSuite
            public class HeapSuite {
                @Test
                void fillsTheHeap() {
                    List<long[]> kept = new ArrayList<>();
                    while (kept.size() < Integer.MAX_VALUE) {
                        kept.add(new long[1 << 20]);
                    }
                }
            }
            """;

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    private final List<Handoff> daemons = new ArrayList<>();

    @AfterEach
    void stop() {
        daemons.forEach(Handoff::close);
    }

    private Daemons serve(Isolation isolation, List<String> jvmArgs, Class<?>... suites) {
        return serve(Daemons.local(dataDir, suites), isolation, jvmArgs);
    }

    /** A daemon of {@code PassingSuite} and one suite compiled from {@code source}, forked. */
    private Daemons serveCompiled(String className, String source, List<String> jvmArgs) throws IOException {
        Path classes = SuiteVersions.compile(work.resolve(className), className, source);
        return serve(Daemons.local(dataDir, PassingSuite.class).suitesPath(classes), Isolation.FORK, jvmArgs);
    }

    private Daemons serve(Handoff.Builder builder, Isolation isolation, List<String> jvmArgs) {
        Handoff handoff = Daemons.started(
                builder.isolation(isolation).forkJvmArgs(jvmArgs).shutdownGrace(Duration.ZERO));
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
    void testThatExitsTheJvmFailsItsRunWithTheExitCodeAndTheTestWhileTheDaemonGoesOn() throws IOException {
        Daemons http = serveCompiled("ExitingSuite", EXITING_SUITE, List.of());

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
    void testThatExhaustsItsHeapFailsItsRunSayingSoWhileTheDaemonGoesOn() throws IOException {
        Daemons http = serveCompiled("HeapSuite", HEAP_SUITE, List.of("-Xmx64m"));

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
