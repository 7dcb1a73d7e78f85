package dev.handoff.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.RetriedSuite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One suite run with a filter, then retried, counted by every door: {@code exec}, {@code run
 * --wait}, the API's JSON, the run's page and its JUnit XML give the same passed, failed,
 * soft-failed, skipped and flaky numbers.
 */
class OneCountEverywhereTests {

    /** Leaves {@code leftOut} out. */
    private static final String FILTER = "passes|flakyOnce|failsUntilRepaired";

    /** {@code RetriedSuite failed in 0.3s: ...} from exec, {@code RetriedSuite #1 failed in 2.1s: ...} from run. */
    private static final Pattern SUMMARY_LINE = Pattern.compile(
            "RetriedSuite(?: #\\d+)? \\w+(?: in \\S+)?: (\\d+) passed, (\\d+) failed, (\\d+) soft-failed, (\\d+) skipped, (\\d+) flaky");

    private static final Pattern PAGE_COUNTS = Pattern.compile("<th scope=\"row\">Tests</th><td>([^<]*)</td>");

    @TempDir
    Path dataDir;

    private Handoff handoff;
    private Daemons http;

    @BeforeEach
    void start() {
        RetriedSuite.repaired = false;
        handoff = Daemons.started(Daemons.local(dataDir, RetriedSuite.class));
        http = new Daemons(handoff.url());
    }

    @AfterEach
    void stop() {
        RetriedSuite.repaired = false;
        handoff.close();
    }

    /** passed, failed, soft-failed, skipped, flaky. */
    private record Counts(int passed, int failed, int softFailed, int skipped, int flaky) {

        static Counts of(List<Integer> numbers) {
            return new Counts(numbers.get(0), numbers.get(1), numbers.get(2), numbers.get(3), numbers.get(4));
        }

        /** As the run's page writes them: {@code 2 passed, 1 failed, 1 skipped, 1 flaky} (no zeros but passed). */
        String asPage() {
            List<String> parts = new ArrayList<>(List.of(passed + " passed"));
            if (failed > 0) {
                parts.add(failed + " failed");
            }
            if (softFailed > 0) {
                parts.add(softFailed + " soft-failed");
            }
            if (skipped > 0) {
                parts.add(skipped + " skipped");
            }
            if (flaky > 0) {
                parts.add(flaky + " flaky");
            }
            return String.join(", ", parts);
        }
    }

    private static Counts summary(String output) {
        Matcher line = output.lines()
                .map(SUMMARY_LINE::matcher)
                .filter(Matcher::matches)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no summary line in:\n" + output));
        List<Integer> numbers = new ArrayList<>();
        for (int group = 1; group <= 5; group++) {
            numbers.add(Integer.parseInt(line.group(group)));
        }
        return Counts.of(numbers);
    }

    private static Counts exec() {
        Cli.Result exec = Cli.run("exec", "RetriedSuite", "--suites", CliExecTests.FIXTURES, "--filter", FILTER);
        return summary(exec.out());
    }

    private static Counts api(JsonNode run) {
        JsonNode counts = run.get("counts");
        return new Counts(
                counts.get("passed").asInt(),
                counts.get("failed").asInt(),
                counts.get("softFailed").asInt(),
                counts.get("skipped").asInt(),
                counts.get("flaky").asInt());
    }

    private String page(long number) {
        Matcher counts = PAGE_COUNTS.matcher(
                http.page("/suites/RetriedSuite/runs/" + number).body());
        assertThat(counts.find()).as("the run page's Tests row").isTrue();
        return counts.group(1);
    }

    /**
     * The run's counts in its JUnit XML: the properties {@code tests.passed} ... (its testcases are
     * attempts, so the testsuite's own numbers count a retried attempt as a skipped testcase).
     */
    private Counts junitXml(long number) {
        String xml =
                http.get("/suites/RetriedSuite/runs/" + number + "/junit.xml").body();
        List<Integer> numbers = new ArrayList<>();
        for (String name : List.of("passed", "failed", "softFailed", "skipped", "flaky")) {
            Matcher property = Pattern.compile("<property name=\"tests\\." + name + "\" value=\"(\\d+)\"/>")
                    .matcher(xml);
            assertThat(property.find())
                    .as("property tests." + name + " in " + xml)
                    .isTrue();
            numbers.add(Integer.parseInt(property.group(1)));
        }
        return Counts.of(numbers);
    }

    @Test
    void execRunWaitApiPageAndJunitXmlCountAFilteredRunAndItsRetryAlike() {
        Counts expected = new Counts(2, 1, 0, 1, 1);

        assertThat(exec()).as("exec").isEqualTo(expected);
        Cli.Result run =
                Cli.run("run", "RetriedSuite", "--url", handoff.url().toString(), "--filter", FILTER, "--wait");
        assertThat(summary(run.out())).as("run --wait").isEqualTo(expected);
        JsonNode finished = http.awaitFinished("RetriedSuite", 1);
        assertThat(api(finished)).as("API").isEqualTo(expected);
        assertThat(page(1)).as("run page").isEqualTo(expected.asPage());
        assertThat(junitXml(1)).as("JUnit XML").isEqualTo(expected);

        RetriedSuite.repaired = true;
        assertThat(http.post("/suites/RetriedSuite/runs/1/retry").status()).isEqualTo(202);
        JsonNode retried = http.await(
                "RetriedSuite",
                1,
                r -> r.get("execution").asInt() == 1
                        && !r.get("result").asText().matches("pending|running"),
                "retried");
        // failsUntilRepaired passed only after failed attempts of the run: flaky too, as flakyOnce.
        Counts afterRetry = new Counts(3, 0, 0, 1, 2);

        assertThat(api(retried)).as("API after the retry").isEqualTo(afterRetry);
        assertThat(page(1)).as("run page after the retry").isEqualTo(afterRetry.asPage());
        assertThat(junitXml(1)).as("JUnit XML after the retry").isEqualTo(afterRetry);
    }
}
