package dev.handoff.daemon.cli;

import static dev.handoff.daemon.cli.CliServeOptionsTests.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.daemon.cli.FakeDaemon.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliRunTests {

    private static final String RUN_PATH = "/suites/PassingSuite/runs/7";

    @TempDir
    Path temp;

    FakeDaemon daemon;

    @BeforeEach
    void startDaemon() throws IOException {
        daemon = FakeDaemon.start().on("POST", "/suites/PassingSuite/runs", Reply.json(201, summary("pending")));
    }

    @AfterEach
    void stopDaemon() {
        daemon.close();
    }

    @Test
    void withoutWaitItPrintsTheRunsUrl() {
        Cli.Result run = Cli.run("run", "PassingSuite", "--url", daemon.url());

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).isEqualTo(daemon.url() + "suites/PassingSuite/runs/7" + System.lineSeparator());
    }

    @Test
    void triggerSendsFilterRefParametersAndIdempotencyKey() throws IOException {
        Cli.run(
                "run",
                "PassingSuite",
                "--url",
                daemon.url(),
                "--filter",
                "^pass",
                "--ref",
                "abc123",
                "--param",
                "env=staging",
                "--param",
                "user=ci",
                "--idempotency-key",
                "build-42");

        FakeDaemon.Request trigger = daemon.requests().getFirst();
        assertThat(trigger.contentType()).isEqualTo("application/json");
        assertThat(trigger.idempotencyKey()).isEqualTo("build-42");
        assertThat(new ObjectMapper().readTree(trigger.body())).isEqualTo(new ObjectMapper().readTree("""
                {"filter": "^pass", "ref": "abc123", "initiatedBy": "cli", "parameters": {"env": "staging", "user": "ci"}}
                """));
    }

    @Test
    void suiteNameIsAPercentEncodedPathSegment() {
        Cli.run("run", "Markup \"'<>& suite", "--url", daemon.url());

        assertThat(daemon.requests().getFirst().path()).isEqualTo("/suites/Markup%20%22%27%3C%3E%26%20suite/runs");
    }

    @Test
    void urlComesFromItsVariable() {
        Cli.Result run = Cli.run(Map.of("HANDOFF_URL", daemon.url()), "run", "PassingSuite");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void passedRunExitsZeroWithALinePerTestAndASummary() {
        daemon.on(
                "GET",
                RUN_PATH,
                Reply.json(200, detail("running", test("passes", "passed", 1, false))),
                Reply.json(
                        200,
                        detail(
                                "passed",
                                test("passes", "passed", 1, false),
                                test("logsItsRunNumber", "passed", 1, false))));

        Cli.Result run = Cli.run("run", "PassingSuite", "--url", daemon.url(), "--wait");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out())
                .isEqualTo(String.join(
                        System.lineSeparator(),
                        "Run PassingSuite #7: " + daemon.url() + "suites/PassingSuite/runs/7",
                        "PASS  passes",
                        "PASS  logsItsRunNumber",
                        "PassingSuite #7 passed in 1.5s: 2 passed, 0 failed, 0 soft-failed, 0 skipped, 0 flaky",
                        ""));
    }

    @Test
    void waitingOutlivesADaemonRestart() {
        daemon.on(
                "GET",
                RUN_PATH,
                Reply.json(200, detail("running", test("passes", "passed", 1, false))),
                Reply.problem(503, "the daemon is shutting down and takes no new runs; try again once it is back"),
                Reply.json(
                        200,
                        detail(
                                "passed",
                                test("passes", "passed", 1, false),
                                test("logsItsRunNumber", "passed", 1, false))));

        Cli.Result run = Cli.run("run", "PassingSuite", "--url", daemon.url(), "--wait");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out())
                .contains("Handoff is not answering (the daemon is shutting down", "PASS  logsItsRunNumber");
    }

    @Test
    void flakyRunExitsZeroAndPrintsTheAttemptsNoLookSaw() {
        daemon.on("GET", RUN_PATH, Reply.json(200, detail("flaky", test("search", "passed", 3, true))))
                .on("GET", RUN_PATH + "/tests/search", Reply.json(200, """
                        {"suite":"PassingSuite","run":7,"test":"search","attempts":[
                         {"number":1,"maxAttempts":3,"result":"retrying","failure":{"message":"timed out after 5s","stackTrace":""}},
                         {"number":2,"maxAttempts":3,"result":"retrying","failure":{"message":"status 503","stackTrace":""}},
                         {"number":3,"maxAttempts":3,"result":"passed","failure":null}]}"""));

        Cli.Result run = Cli.run("run", "PassingSuite", "--url", daemon.url(), "--wait");

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out().lines().filter(line -> line.contains("search")))
                .containsExactly(
                        "RETRY search (attempt 1/3): timed out after 5s",
                        "RETRY search (attempt 2/3): status 503",
                        "PASS  search (attempt 3, flaky)");
    }

    @Test
    void failedRunExitsOneWithTheFailure() {
        daemon.on("GET", RUN_PATH, Reply.json(200, detail("failed", test("fails", "failed", 1, false))));

        Cli.Result run = Cli.run("run", "PassingSuite", "--url", daemon.url(), "--wait");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(run.out())
                .contains("FAIL  fails: expected status 200 but was 503", "PassingSuite #7 failed in 1.5s");
    }

    @Test
    void cancelledRunExitsOne() {
        daemon.on("GET", RUN_PATH, Reply.json(200, detail("cancelled")));

        assertThat(Cli.run("run", "PassingSuite", "--url", daemon.url(), "--wait")
                        .exitCode())
                .isEqualTo(ExitCode.FAILED);
    }

    @Test
    void unknownSuiteIsOneLineWithTheProblemsDetail() {
        daemon.on("POST", "/suites/Nope/runs", Reply.problem(404, "no suite 'Nope'"));

        assertOneLineError(Cli.run("run", "Nope", "--url", daemon.url(), "--wait"), "no suite 'Nope'");
    }

    @Test
    void unreachableDaemonIsOneLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        assertOneLineError(
                Cli.run("run", "PassingSuite", "--url", "http://127.0.0.1:" + port),
                "cannot reach Handoff at http://127.0.0.1:" + port + "/: connection refused");
    }

    @Test
    void elapsedTimeoutIsOneLine() {
        daemon.on("GET", RUN_PATH, Reply.json(200, detail("running")));

        assertOneLineError(
                Cli.run("run", "PassingSuite", "--url", daemon.url(), "--wait", "--timeout", "1s"),
                "run PassingSuite #7 did not finish within 1s; it is still running at " + daemon.url()
                        + "suites/PassingSuite/runs/7");
    }

    @Test
    void junitXmlIsWrittenOnceTheRunFinished() throws IOException {
        String xml = "<?xml version=\"1.0\"?><testsuite name=\"PassingSuite\" tests=\"1\"/>";
        daemon.on("GET", RUN_PATH, Reply.json(200, detail("passed", test("passes", "passed", 1, false))))
                .on("GET", RUN_PATH + "/junit.xml", new Reply(200, "application/xml", xml));
        Path file = temp.resolve("reports/TEST-PassingSuite.xml");

        Cli.Result run = Cli.run("run", "PassingSuite", "--url", daemon.url(), "--junit-xml", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(file).hasContent(xml);
    }

    @Test
    void jsonIsTheFinishedRunsDetail() throws IOException {
        String finished = detail("passed", test("passes", "passed", 1, false));
        daemon.on("GET", RUN_PATH, Reply.json(200, finished));
        Path file = temp.resolve("run.json");

        Cli.run("run", "PassingSuite", "--url", daemon.url(), "--wait", "--json", file.toString());

        assertThat(Files.readString(file)).isEqualTo(finished);
    }

    @Test
    void badTimeoutIsOneLine() {
        assertOneLineError(
                Cli.run("run", "PassingSuite", "--url", daemon.url(), "--timeout", "forever"),
                "--timeout 'forever' is not a duration: use forms like 500ms, 30s, 5m, 1h30m, 2d or ISO-8601 PT2M");
    }

    @Test
    void paramWithoutEqualsSignIsOneLineAndTriggersNothing() {
        assertOneLineError(
                Cli.run("run", "PassingSuite", "--url", daemon.url(), "--param", "staging"),
                "--param 'staging' is not KEY=VALUE, such as baseUrl=https://shop.staging");
        assertThat(daemon.requests()).isEmpty();
    }

    @Test
    void paramWithoutNameIsOneLineAndTriggersNothing() {
        assertOneLineError(
                Cli.run("run", "PassingSuite", "--url", daemon.url(), "--param", "=staging"),
                "--param '=staging' has no name before '=': give KEY=VALUE, such as baseUrl=https://shop.staging");
        assertThat(daemon.requests()).isEmpty();
    }

    @Test
    void paramValueKeepsItsEqualsSignsAndMayBeEmpty() throws IOException {
        Cli.run(
                "run",
                "PassingSuite",
                "--url",
                daemon.url(),
                "--param",
                "baseUrl=https://shop/?a=b",
                "--param",
                "user=");

        assertThat(new ObjectMapper()
                        .readTree(daemon.requests().getFirst().body())
                        .get("parameters"))
                .isEqualTo(new ObjectMapper().readTree("{\"baseUrl\": \"https://shop/?a=b\", \"user\": \"\"}"));
    }

    @Test
    void reportPathThatIsAFolderIsRefusedBeforeTriggering() {
        assertOneLineError(
                Cli.run("run", "PassingSuite", "--url", daemon.url(), "--json", temp.toString()),
                "--json '%s' is a folder: give a file name, such as %s".formatted(temp, temp.resolve("run.json")));
        assertThat(daemon.requests()).isEmpty();
    }

    @Test
    void reportPathThatCannotBeCreatedIsRefusedBeforeTriggering() {
        // /proc takes no new files, not even from root: the probe must open the file, not ask permissions.
        Cli.Result result = Cli.run("run", "PassingSuite", "--url", daemon.url(), "--junit-xml", "/proc/handoff.xml");

        assertThat(result.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(result.err().lines())
                .singleElement()
                .asString()
                .startsWith("cannot write --junit-xml file '/proc/handoff.xml': ");
        assertThat(daemon.requests()).isEmpty();
        assertThat(Path.of("/proc/handoff.xml")).doesNotExist();
    }

    private static String summary(String result) {
        return """
                {"suite":"PassingSuite","number":7,"result":"%s","filter":null,"ref":null,"initiatedBy":"cli",
                 "parameters":{},"environment":"","execution":0,"createdAt":"2026-01-01T00:00:00Z","startedAt":null,
                 "finishedAt":null,"durationMillis":null,"failure":null,
                 "counts":{"passed":0,"failed":0,"softFailed":0,"skipped":0,"flaky":0,"total":0},
                 "url":"/suites/PassingSuite/runs/7"}""".formatted(result);
    }

    private static String detail(String result, String... tests) {
        long passed = java.util.Arrays.stream(tests)
                .filter(t -> t.contains("\"result\":\"passed\""))
                .count();
        long failed = java.util.Arrays.stream(tests)
                .filter(t -> t.contains("\"result\":\"failed\""))
                .count();
        long flaky = java.util.Arrays.stream(tests)
                .filter(t -> t.contains("\"flaky\":true"))
                .count();
        return """
                {"suite":"PassingSuite","number":7,"result":"%s","filter":null,"ref":null,"initiatedBy":"cli",
                 "parameters":{},"environment":"","execution":0,"createdAt":"2026-01-01T00:00:00Z",
                 "startedAt":"2026-01-01T00:00:01Z","finishedAt":null,"durationMillis":1500,"failure":null,
                 "counts":{"passed":%d,"failed":%d,"softFailed":0,"skipped":0,"flaky":%d,"total":%d},
                 "url":"/suites/PassingSuite/runs/7","setupLog":"","tests":[%s]}""".formatted(result, passed, failed, flaky, tests.length, String.join(",", tests));
    }

    private static String test(String name, String result, int attempts, boolean flaky) {
        String failure = result.equals("failed")
                ? "{\"message\":\"expected status 200 but was 503\",\"stackTrace\":\"\"}"
                : "null";
        return """
                {"name":"%s","result":"%s","attempts":%d,"soft":false,"flaky":%s,"startedAt":"2026-01-01T00:00:01Z",
                 "finishedAt":"2026-01-01T00:00:02Z","durationMillis":1000,"failure":%s,"url":"%s/tests/%s"}""".formatted(name, result, attempts, flaky, failure, RUN_PATH, name);
    }
}
