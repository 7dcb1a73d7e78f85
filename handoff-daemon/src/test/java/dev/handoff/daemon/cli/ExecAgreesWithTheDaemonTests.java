package dev.handoff.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.FailingSuite;
import dev.handoff.daemon.fixtures.FlakySuite;
import dev.handoff.daemon.fixtures.InvocationFailureSuite;
import dev.handoff.daemon.fixtures.NestedSetupFailureSuite;
import dev.handoff.daemon.fixtures.NestedSuite;
import dev.handoff.daemon.fixtures.ParameterizedSuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.SetupFailureSuite;
import dev.handoff.daemon.fixtures.SoftSuite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exec} and the daemon read the engine's events through one decoder, so the same suite ends
 * with the same result, the same counts and the same result and attempt count per test, whichever
 * of the two ran it.
 */
class ExecAgreesWithTheDaemonTests {

    /** Every kind of outcome, and none of them depends on an earlier run of the suite. */
    private static final List<Class<?>> SUITES = List.of(
            PassingSuite.class,
            FailingSuite.class,
            FlakySuite.class,
            SoftSuite.class,
            ParameterizedSuite.class,
            NestedSuite.class,
            NestedSetupFailureSuite.class,
            SetupFailureSuite.class,
            InvocationFailureSuite.class);

    /** {@code FailingSuite failed in 0.3s: 1 passed, 1 failed, 0 soft-failed, 0 skipped, 0 flaky}. */
    private static final Pattern SUMMARY_LINE = Pattern.compile(
            "(\\S+) (\\w+)(?: in \\S+)?: (\\d+) passed, (\\d+) failed, (\\d+) soft-failed, (\\d+) skipped, (\\d+) flaky");

    @TempDir
    Path dataDir;

    @TempDir
    Path temp;

    @Test
    void everySuiteEndsWithTheSameResultCountsAndTestsInExecAndInTheDaemon() throws IOException {
        Map<String, Outcome> byExec = exec();
        Map<String, Outcome> byDaemon = daemon();

        assertThat(byExec.keySet()).containsExactlyInAnyOrderElementsOf(byDaemon.keySet());
        SoftAssertions softly = new SoftAssertions();
        byDaemon.forEach((suite, outcome) ->
                softly.assertThat(byExec.get(suite)).as(suite).isEqualTo(outcome));
        softly.assertAll();
    }

    /** How a suite ended: its result, its counts, and each test's latest result and attempt count. */
    private record Outcome(String result, List<Integer> counts, Map<String, String> tests) {}

    private Map<String, Outcome> exec() throws IOException {
        Path json = temp.resolve("summary.json");
        List<String> args = new ArrayList<>(List.of("exec"));
        SUITES.forEach(suite -> args.add(suite.getSimpleName()));
        args.addAll(List.of("--suites", CliExecTests.FIXTURES, "--json", json.toString()));

        Cli.Result exec = Cli.run(args.toArray(String[]::new));

        assertThat(exec.err()).isEmpty();
        Map<String, List<Integer>> counts = new TreeMap<>();
        exec.out().lines().map(SUMMARY_LINE::matcher).filter(Matcher::matches).forEach(line -> {
            List<Integer> numbers = new ArrayList<>();
            for (int group = 3; group <= 7; group++) {
                numbers.add(Integer.parseInt(line.group(group)));
            }
            counts.put(line.group(1), numbers);
        });
        Map<String, Outcome> outcomes = new TreeMap<>();
        for (JsonNode suite : new ObjectMapper().readTree(json.toFile()).path("suites")) {
            Map<String, String> tests = new TreeMap<>();
            suite.path("tests")
                    .forEach(test -> tests.put(
                            test.path("name").asText(),
                            test.path("result").asText() + " after "
                                    + test.path("attempts").asInt()));
            String name = suite.path("name").asText();
            outcomes.put(name, new Outcome(suite.path("result").asText(), counts.get(name), tests));
        }
        return outcomes;
    }

    private Map<String, Outcome> daemon() {
        Map<String, Outcome> outcomes = new TreeMap<>();
        try (Handoff handoff = Daemons.started(Daemons.local(dataDir, SUITES.toArray(Class<?>[]::new)))) {
            Daemons http = new Daemons(handoff.url());
            for (Class<?> suite : SUITES) {
                String name = suite.getSimpleName();
                JsonNode run = http.awaitFinished(name, http.trigger(name, ""));
                JsonNode counts = run.path("counts");
                Map<String, String> tests = new TreeMap<>();
                run.path("tests")
                        .forEach(test -> tests.put(
                                test.path("name").asText(),
                                test.path("result").asText() + " after "
                                        + test.path("attempts").asInt()));
                outcomes.put(
                        name,
                        new Outcome(
                                run.path("result").asText(),
                                List.of(
                                        counts.path("passed").asInt(),
                                        counts.path("failed").asInt(),
                                        counts.path("softFailed").asInt(),
                                        counts.path("skipped").asInt(),
                                        counts.path("flaky").asInt()),
                                tests));
            }
        }
        return outcomes;
    }
}
