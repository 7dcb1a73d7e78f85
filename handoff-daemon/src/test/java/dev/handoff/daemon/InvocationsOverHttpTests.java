package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.OverloadedSuite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overloaded test methods are two tests, and each invocation of a parameterized test is kept with
 * its attempt: its result, failure and own output, in the API and in junit.xml.
 */
class InvocationsOverHttpTests {

    private static final String PARSE_VALUES = "parse(String, HandoffContext)";

    @TempDir
    Path dataDir;

    private Handoff handoff;
    private Daemons http;

    @BeforeEach
    void start() {
        handoff = Daemons.started(Daemons.local(dataDir, OverloadedSuite.class));
        http = new Daemons(handoff.url());
    }

    @AfterEach
    void stop() {
        handoff.close();
    }

    @Test
    void overloadedMethodsAreTwoTestsWithTheirOwnAttempts() {
        JsonNode run = http.awaitFinished("OverloadedSuite", http.trigger("OverloadedSuite", ""));

        assertThat(run.get("result").asText()).isEqualTo("flaky");
        List<String> tests = new ArrayList<>();
        run.get("tests")
                .forEach(t -> tests.add(
                        t.get("name").asText() + " " + t.get("attempts").asInt()));
        assertThat(tests).containsExactlyInAnyOrder("parse() 1", PARSE_VALUES + " 2");
        assertThat(attempts("parse()").get(0).get("log").asText()).contains("parse without arguments");
    }

    @Test
    void eachInvocationHasItsResultFailureAndOutputInTheApi() {
        http.awaitFinished("OverloadedSuite", http.trigger("OverloadedSuite", ""));

        JsonNode first = attempts(PARSE_VALUES).get(0);
        assertThat(first.get("result").asText()).isEqualTo("retrying");
        assertThat(first.get("invocationCounts").get("summary").asText()).isEqualTo("3 invocations, 1 failed: [2] b");
        JsonNode b = first.get("invocations").get(1);
        assertThat(b.get("name").asText()).isEqualTo("[2] b");
        assertThat(b.get("result").asText()).isEqualTo("failed");
        assertThat(b.get("failure").asText()).isEqualTo("cannot parse b");
        assertThat(b.get("log").asText()).contains("parsing b on attempt 1").doesNotContain("parsing a");
        assertThat(first.get("log").asText()).contains("parsing a on attempt 1", "parsing b on attempt 1");

        JsonNode second = attempts(PARSE_VALUES).get(1);
        assertThat(second.get("invocations"))
                .extracting(i -> i.get("result").asText())
                .containsExactly("passed", "passed", "passed");
    }

    @Test
    void theRunsTestListCountsTheLatestAttemptsInvocations() {
        long number = http.trigger("OverloadedSuite", "");
        JsonNode run = http.awaitFinished("OverloadedSuite", number);

        JsonNode parse = null;
        for (JsonNode test : run.get("tests")) {
            if (test.get("name").asText().equals(PARSE_VALUES)) {
                parse = test;
            }
        }
        assertThat(parse).isNotNull();
        assertThat(parse.get("invocations").get("summary").asText()).isEqualTo("3 invocations");
    }

    @Test
    void junitXmlHasATestcasePerInvocationWithItsOutput() {
        long number = http.trigger("OverloadedSuite", "");
        http.awaitFinished("OverloadedSuite", number);

        String xml = http.get("/suites/OverloadedSuite/runs/" + number + "/junit.xml")
                .body();

        assertThat(xml)
                .contains("name=\"parse(String, HandoffContext) [2] b\"")
                .contains("name=\"parse(String, HandoffContext) (attempt 2) [2] b\"")
                .contains("failed in an attempt that ended retrying: cannot parse b")
                .contains("parsing b on attempt 2");
    }

    private JsonNode attempts(String test) {
        return http.get("/suites/OverloadedSuite/runs/1/tests/" + Daemons.segment(test))
                .json()
                .get("attempts");
    }
}
