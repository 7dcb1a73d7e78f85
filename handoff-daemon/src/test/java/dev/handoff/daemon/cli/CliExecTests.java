package dev.handoff.daemon.cli;

import static dev.handoff.daemon.cli.CliServeOptionsTests.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.daemon.fixtures.PassingSuite;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class CliExecTests {

    /** target/test-classes, where the fixture suites are compiled. */
    static final String FIXTURES = fixtures();

    @TempDir
    Path temp;

    @Test
    void passingSuiteExitsZeroWithALinePerTest() {
        Cli.Result exec = Cli.run("exec", "PassingSuite", "--suites", FIXTURES);

        assertThat(exec.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(exec.out()).contains("PASS  passes", "PASS  logsItsRunNumber");
        assertThat(exec.out().lines())
                .anyMatch(line -> line.matches(
                        "PassingSuite passed in \\d+\\.\\ds: 2 passed, 0 failed, 0 soft-failed, 0 skipped, 0 flaky"));
        assertThat(exec.err()).isEmpty();
    }

    @Test
    void failingSuiteExitsOneWithTheFailure() {
        Cli.Result exec = Cli.run("exec", "FailingSuite", "--suites", FIXTURES);

        assertThat(exec.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(exec.out())
                .contains("FAIL  fails: expected status 200 but was 503", "PASS  passes", "FailingSuite failed in ");
    }

    @Test
    void flakySuiteExitsZeroAndShowsTheRetry() {
        Cli.Result exec = Cli.run("exec", "FlakySuite", "--suites", FIXTURES);

        assertThat(exec.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(exec.out())
                .contains(
                        "RETRY passesOnSecondAttempt (attempt 1/3): not ready on attempt 1",
                        "PASS  passesOnSecondAttempt (attempt 2/3, flaky)",
                        "FlakySuite flaky in ");
    }

    @Test
    void softFailureDoesNotFailTheSuite() {
        Cli.Result exec = Cli.run("exec", "SoftSuite", "--suites", FIXTURES);

        assertThat(exec.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(exec.out()).contains("SOFT  failsSoftly: latency above 200 ms", "1 passed, 0 failed, 1 soft-failed");
    }

    @Test
    void multiLineFailureIsOneLineWithWhatDiffered() {
        Cli.Result exec = Cli.run("exec", "InvocationFailureSuite", "--suites", FIXTURES, "--filter", "comparesStatus");

        assertThat(exec.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(exec.out())
                .contains("FAIL  comparesStatus (attempt 2/2): [status of GET /orders] expected: 200 but was: 503"
                        + System.lineSeparator());
    }

    @Test
    void failedSetupFailsTheSuite() {
        Cli.Result exec = Cli.run("exec", "SetupFailureSuite", "--suites", FIXTURES);

        assertThat(exec.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(exec.out()).contains("FAIL  SetupFailureSuite: ");
    }

    @Test
    void filterSkipsTheOtherTests() {
        Cli.Result exec = Cli.run("exec", "FailingSuite", "--suites", FIXTURES, "--filter", "^pass");

        assertThat(exec.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(exec.out()).contains("PASS  passes", "SKIP  fails");
    }

    @Test
    void unknownSuiteIsOneLineListingTheKnownOnes() {
        Cli.Result exec = Cli.run("exec", "Nope", "--suites", FIXTURES);

        assertThat(exec.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(exec.err().lines())
                .singleElement()
                .asString()
                .startsWith("unknown suite 'Nope': the suites are BigLogSuite, DollarSuite, EuroSuite, FailingSuite, ")
                .contains(", FlakySuite, ", ", PassingSuite, ");
    }

    @Test
    void invalidFilterIsOneLine() {
        assertOneLineError(
                Cli.run("exec", "PassingSuite", "--suites", FIXTURES, "--filter", "("),
                "filter '(' is not a valid regular expression: Unclosed group near index 1");
    }

    @Test
    void filterMatchingNoTestIsOneLine() {
        assertOneLineError(
                Cli.run("exec", "PassingSuite", "--suites", FIXTURES, "--filter", "nothing"),
                "filter 'nothing' matches none of the tests of PassingSuite");
    }

    @Test
    void missingSuitesPathIsOneLine() {
        Path missing = temp.resolve("missing.jar");

        assertOneLineError(
                Cli.run("exec", "--suites", missing.toString()), "suites path '" + missing + "' does not exist");
    }

    @Test
    void suitesPathCanComeFromItsVariable() {
        Cli.Result exec = Cli.run(Map.of("HANDOFF_SUITES", FIXTURES), "exec", "PassingSuite");

        assertThat(exec.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void junitXmlHasEverySuiteInOneParseableFile() throws Exception {
        Path xml = temp.resolve("reports/junit.xml");

        Cli.Result exec =
                Cli.run("exec", "PassingSuite", "FailingSuite", "--suites", FIXTURES, "--junit-xml", xml.toString());

        assertThat(exec.exitCode()).isEqualTo(ExitCode.FAILED);
        Document report =
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        assertThat(report.getDocumentElement().getTagName()).isEqualTo("testsuite");
        assertThat(report.getDocumentElement().getAttribute("tests")).isEqualTo("4");
        assertThat(report.getDocumentElement().getAttribute("failures")).isEqualTo("1");
    }

    @Test
    void jsonSummaryHasEverySuiteAndTest() throws IOException {
        Path json = temp.resolve("summary.json");

        Cli.Result exec =
                Cli.run("exec", "PassingSuite", "FlakySuite", "--suites", FIXTURES, "--json", json.toString());

        assertThat(exec.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(exec.out().lines().toList().getLast()).isEqualTo("2 suites flaky: 1 flaky, 1 passed");
        JsonNode summary = new ObjectMapper().readTree(json.toFile());
        assertThat(summary.path("result").asText()).isEqualTo("flaky");
        assertThat(summary.path("suites")).hasSize(2);
        JsonNode flaky = summary.path("suites").get(1);
        assertThat(flaky.path("name").asText()).isEqualTo("FlakySuite");
        assertThat(flaky.path("result").asText()).isEqualTo("flaky");
        assertThat(flaky.path("tests").findValuesAsText("name"))
                .containsExactlyInAnyOrder("passesOnSecondAttempt", "passes");
        JsonNode retried = flaky.path("tests").findParents("name").stream()
                .filter(t -> t.path("name").asText().equals("passesOnSecondAttempt"))
                .findFirst()
                .orElseThrow();
        assertThat(retried.path("result").asText()).isEqualTo("passed");
        assertThat(retried.path("attempts").asInt()).isEqualTo(2);
    }

    private static String fixtures() {
        try {
            return Path.of(PassingSuite.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
