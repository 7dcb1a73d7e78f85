package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.GoClient.Answer;
import dev.handoff.daemon.GoClient.TestRun;
import dev.handoff.daemon.GoClient.TestSuiteRun;
import dev.handoff.daemon.fixtures.GoClientSuite;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Go team's tooling against the daemon: the Go project's client sends its requests byte for byte
 * as Go does ({@link GoClient}), and its structs decode the answers as Go's decoder would. Its
 * harness ({@code main_test.go}: create a run, poll it until it is not pending, read the latest
 * attempt of a test, read every attempt of a test) runs unchanged against {@code /go}; Go's path,
 * {@code id} and {@code initiatedby} work at the API itself.
 */
class GoClientTests {

    private static final String SUITE = "GoClientSuite";

    @TempDir
    Path dataDir;

    private Handoff handoff;
    private GoClient go;
    private Daemons api;

    @BeforeEach
    void start() {
        handoff = Daemons.started(Daemons.local(dataDir, GoClientSuite.class));
        go = new GoClient(handoff.url().getPort());
        api = new Daemons(handoff.url());
    }

    @AfterEach
    void stop() {
        handoff.close();
    }

    @Test
    void theGoHarnessRunsASuiteThroughTheGoMount() {
        Answer created = go.createTestSuiteRun("/go", SUITE, null);

        assertThat(created.status()).isEqualTo(201);
        GoClient.assertGoDecodes(
                created.json(), GoClient.TEST_SUITE_RUN, List.copyOf(GoClient.TEST_SUITE_RUN.keySet()));
        TestSuiteRun run = created.decode(TestSuiteRun.class);
        assertThat(run.id()).isPositive();
        assertThat(run.suiteName()).isEqualTo(SUITE);
        assertThat(run.result()).isEqualTo("pending");
        assertThat(run.tests()).isEqualTo(3);
        assertThat(run.triggeredBy()).isEqualTo("api");
        assertThat(run.scheduled()).isNotNull();

        TestSuiteRun finished = waitForResult(run.id(), "passed");

        GoClient.assertGoDecodes(
                go.getTestSuiteRun("/go", SUITE, run.id()).json(),
                GoClient.TEST_SUITE_RUN,
                List.copyOf(GoClient.TEST_SUITE_RUN.keySet()));
        assertThat(finished.testResults()).hasSize(6);
        for (JsonNode attempt :
                go.getTestSuiteRun("/go", SUITE, run.id()).json().get("testResults")) {
            GoClient.assertGoDecodes(attempt, GoClient.TEST_RUN, List.copyOf(GoClient.TEST_RUN.keySet()));
        }
        TestRun retry = latestTestAttempt(finished, "retry");
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.result()).isEqualTo("passed");
        TestRun soft = latestTestAttempt(finished, "soft");
        assertThat(soft.attempt()).isEqualTo(3);
        assertThat(soft.result()).isEqualTo("failed");
        assertThat(soft.softFailure()).isTrue();
        assertThat(soft.logs()).contains("latency above 200 ms");
        assertThat(latestTestAttempt(finished, "other").result()).isEqualTo("passed");
        assertThat(finished.start()).isNotNull();
        assertThat(finished.end()).isAfterOrEqualTo(finished.start());
        assertThat(finished.setupLogs()).isNotNull();

        assertRetryAttempts(go.getTestRun("/go", SUITE, run.id(), "retry"), run.id());
        Answer missing = go.getTestRun("/go", SUITE, run.id(), "missing");
        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.decodeTestRuns()).isEmpty();
        assertThat(go.getTestSuiteRun("/go", SUITE, 999).status()).isEqualTo(404);
    }

    @Test
    void goPathsAndSpellingsWorkAtTheApiItself() {
        // Go's client puts its filter into the URL unescaped, as fmt.Sprintf("?filter=%s", filter) does.
        Answer created = go.createTestSuiteRun("", SUITE, "retry|other");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        GoClient.assertGoDecodes(created.json(), GoClient.TEST_SUITE_RUN, List.of("id", "result"));
        TestSuiteRun run = created.decode(TestSuiteRun.class);
        assertThat(run.id()).isEqualTo(created.json().get("number").asInt());
        assertThat(created.json().get("filter").asText()).isEqualTo("retry|other");
        api.awaitFinished(SUITE, run.id());

        assertRetryAttempts(go.getTestRun("", SUITE, run.id(), "retry"), run.id());
        assertThat(api.get("/suites/" + SUITE + "/runs/" + run.id())
                        .json()
                        .get("id")
                        .asLong())
                .isEqualTo(run.id());
        assertThat(go.getTestRun("", SUITE, run.id(), "missing").status()).isEqualTo(404);
        // The API's own run lists its tests under "tests", where Go's struct has a number: hence /go.
        assertThatThrownBy(() -> go.getTestSuiteRun("", SUITE, run.id()).decode(TestSuiteRun.class))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Go's decoder refuses");
    }

    @Test
    void goQueryParametersAndIdempotencyKeysAreRead() {
        Answer jenkins = go.post("/suites/" + SUITE + "/runs?ref=v1.2.3&initiatedby=jenkins", Map.of());

        assertThat(jenkins.status()).isEqualTo(201);
        assertThat(jenkins.json().get("initiatedBy").asText()).isEqualTo("jenkins");
        assertThat(jenkins.json().get("ref").asText()).isEqualTo("v1.2.3");
        Answer both = go.post("/suites/" + SUITE + "/runs?initiatedBy=ci&initiatedby=jenkins", Map.of());
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(both.json().get("parameter").asText()).isEqualTo("initiatedby");
        Answer agreeing = go.post("/go/suites/" + SUITE + "/runs?initiatedBy=ci&initiatedby=ci", Map.of());
        assertThat(agreeing.decode(TestSuiteRun.class).triggeredBy()).isEqualTo("ci");

        // requests.http of the Go project: the same key gives the same run.
        Answer first = go.post("/suites/" + SUITE + "/runs", Map.of("Idempotency-Key", "foobar"));
        Answer again = go.post("/suites/" + SUITE + "/runs", Map.of("Idempotency-Key", "foobar"));
        Answer goAgain = go.post("/go/suites/" + SUITE + "/runs", Map.of("Idempotency-Key", "foobar"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(goAgain.status()).isEqualTo(200);
        assertThat(List.of(
                        again.decode(TestSuiteRun.class).id(),
                        goAgain.decode(TestSuiteRun.class).id()))
                .containsOnly(first.decode(TestSuiteRun.class).id());
        assertThat(go.createTestSuiteRun("/go", "NoSuchSuite", null).status()).isEqualTo(404);
    }

    /** The Go harness's {@code waitForTestSuiteRunWithResult}: pending until the result, and nothing else. */
    private TestSuiteRun waitForResult(long id, String expected) {
        Instant deadline = Instant.now().plus(Daemons.PATIENCE);
        List<String> seen = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            TestSuiteRun run = go.getTestSuiteRun("/go", SUITE, id).decode(TestSuiteRun.class);
            seen.add(run.result());
            if (run.result().equals(expected)) {
                return run;
            }
            if (!run.result().equals("pending")) {
                return fail("test suite run result is %s, expected %s (seen %s)", run.result(), expected, seen);
            }
            Runs.sleep();
        }
        return fail("timed out waiting for test suite run with status %s (seen %s)", expected, seen);
    }

    /** The Go harness's {@code latestTestAttempt}. */
    private static TestRun latestTestAttempt(TestSuiteRun run, String test) {
        TestRun latest = null;
        for (TestRun attempt : run.testResults()) {
            if (attempt.name().equals(test) && (latest == null || attempt.attempt() > latest.attempt())) {
                latest = attempt;
            }
        }
        assertThat(latest).as("an attempt of %s", test).isNotNull();
        return latest;
    }

    private static void assertRetryAttempts(Answer answer, long run) {
        assertThat(answer.status()).isEqualTo(200);
        for (JsonNode attempt : answer.json()) {
            GoClient.assertGoDecodes(attempt, GoClient.TEST_RUN, List.copyOf(GoClient.TEST_RUN.keySet()));
        }
        List<TestRun> attempts = answer.decodeTestRuns();
        assertThat(attempts).extracting(TestRun::attempt).containsExactly(1, 2);
        assertThat(attempts).extracting(TestRun::result).containsExactly("failed", "passed");
        assertThat(attempts).extracting(TestRun::name).containsOnly("retry");
        assertThat(attempts).extracting(TestRun::suiteRunId).containsOnly((int) run);
        assertThat(attempts).extracting(TestRun::softFailure).containsOnly(false);
        assertThat(attempts.get(0).logs())
                .contains("calling the shop, attempt 1")
                .contains("expected status 200 but was 503");
        assertThat(attempts.get(1).logs()).contains("calling the shop, attempt 2");
        assertThat(attempts)
                .extracting(attempt -> attempt.context().get("correlationId"))
                .containsExactly("order-1", "order-2");
        assertThat(attempts.get(0).end()).isAfterOrEqualTo(attempts.get(0).start());
    }
}
