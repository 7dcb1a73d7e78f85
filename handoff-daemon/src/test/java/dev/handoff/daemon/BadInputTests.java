package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.fixtures.PassingSuite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken requests through HTTP, one table: each gets its 4xx as a problem naming the
 * part at fault, and the daemon's runs and schedules are the same afterwards as before.
 */
class BadInputTests {

    static final String READ = "read-0123456789abcdef";
    static final String ADMIN = "admin-0123456789abcdef";
    static final String JSON = "application/json";

    @TempDir
    static Path dataDir;

    static Handoff handoff;
    static Http http;
    static String before;

    @BeforeAll
    static void start() throws IOException {
        Path tokens = dataDir.resolve("tokens");
        Files.writeString(tokens, "read " + READ + "\nadmin " + ADMIN + "\n");
        handoff = Daemons.started(
                Daemons.local(dataDir.resolve("db"), PassingSuite.class).apiTokens(tokens));
        http = new Http(handoff.url());
        assertThat(admin("POST", "/suites/PassingSuite/runs", null).status()).isEqualTo(201);
        assertThat(admin(
                                "PUT",
                                "/schedules/nightly",
                                "{\"suite\": \"PassingSuite\", \"cron\": \"0 0 2 * * ?\"}",
                                "Content-Type",
                                JSON)
                        .status())
                .isEqualTo(201);
        awaitIdle();
        before = state();
    }

    @AfterAll
    static void stop() {
        if (handoff != null) {
            handoff.close();
        }
    }

    /** One bad request: what it sends, and the status and problem parameter it must get. */
    record Case(String method, String path, String body, List<String> headers, int status, String parameter) {

        static Case of(int status, String parameter, String method, String path, String body, String... headers) {
            List<String> all = new ArrayList<>(List.of(headers));
            if (!all.contains("Authorization")) {
                all.addAll(List.of("Authorization", "Bearer " + ADMIN));
            }
            return new Case(method, path, body, all, status, parameter);
        }
    }

    static Stream<Named<Case>> badRequests() {
        String trigger = "/suites/PassingSuite/runs";
        String schedule = "/schedules/fuzzed";
        List<Named<Case>> cases = new ArrayList<>();
        // malformed JSON, wrong types, unknown fields
        add(cases, "truncated JSON", Case.of(400, "body", "POST", trigger, "{\"filter\": ", "Content-Type", JSON));
        add(cases, "JSON array", Case.of(400, "body", "POST", trigger, "[1, 2]", "Content-Type", JSON));
        add(cases, "JSON string", Case.of(400, "body", "POST", trigger, "\"run\"", "Content-Type", JSON));
        add(
                cases,
                "filter as number",
                Case.of(400, "filter", "POST", trigger, "{\"filter\": 5}", "Content-Type", JSON));
        add(
                cases,
                "parameters as string",
                Case.of(400, "parameters", "POST", trigger, "{\"parameters\": \"env\"}", "Content-Type", JSON));
        add(
                cases,
                "parameter as number",
                Case.of(400, "parameters", "POST", trigger, "{\"parameters\": {\"env\": 1}}", "Content-Type", JSON));
        add(
                cases,
                "parameter without a name",
                Case.of(
                        400,
                        "parameters",
                        "POST",
                        trigger,
                        "{\"parameters\": {\" \": \"staging\"}}",
                        "Content-Type",
                        JSON));
        add(cases, "unknown field", Case.of(400, "suite", "POST", trigger, "{\"suite\": \"x\"}", "Content-Type", JSON));
        add(
                cases,
                "unknown form field",
                Case.of(400, "evil", "POST", trigger, "evil=1", "Content-Type", "application/x-www-form-urlencoded"));
        add(
                cases,
                "bad form encoding",
                Case.of(
                        400,
                        "body",
                        "POST",
                        trigger,
                        "filter=%zz",
                        "Content-Type",
                        "application/x-www-form-urlencoded"));
        add(cases, "text body", Case.of(415, "Content-Type", "POST", trigger, "run it", "Content-Type", "text/plain"));
        add(
                cases,
                "body over 64 KiB",
                Case.of(413, null, "POST", trigger, "{\"ref\": \"" + "x".repeat(70_000) + "\"}", "Content-Type", JSON));
        add(cases, "schedule not JSON", Case.of(400, "body", "PUT", schedule, "cron=1", "Content-Type", JSON));
        add(
                cases,
                "schedule suite as number",
                Case.of(
                        400,
                        "suite",
                        "PUT",
                        schedule,
                        "{\"suite\": 5, \"cron\": \"0 0 2 * * ?\"}",
                        "Content-Type",
                        JSON));
        add(
                cases,
                "schedule unknown field",
                Case.of(
                        400,
                        "owner",
                        "PUT",
                        schedule,
                        "{\"suite\": \"PassingSuite\", \"every\": \"5m\", \"owner\": \"x\"}",
                        "Content-Type",
                        JSON));
        add(
                cases,
                "schedule maxRuns as text",
                Case.of(
                        400,
                        "maxRuns",
                        "PUT",
                        schedule,
                        "{\"suite\": \"PassingSuite\", \"every\": \"5m\", \"maxRuns\": \"many\"}",
                        "Content-Type",
                        JSON));
        // huge and unicode names
        add(cases, "huge suite name", Case.of(414, "path", "GET", "/suites/" + "s".repeat(3500) + "/runs", null));
        add(cases, "unicode suite name", Case.of(404, null, "GET", "/suites/%E2%9C%93%F0%9F%98%80/runs", null));
        add(cases, "unicode unknown suite trigger", Case.of(404, null, "POST", "/suites/%C3%BCnicode/runs", null));
        add(
                cases,
                "long schedule name",
                Case.of(
                        400,
                        "name",
                        "PUT",
                        "/schedules/" + "%C3%A9".repeat(300),
                        "{\"suite\": \"PassingSuite\", \"every\": \"5m\"}",
                        "Content-Type",
                        JSON));
        add(cases, "huge ref", Case.of(400, "ref", "POST", trigger + "?ref=" + "r".repeat(600), null));
        add(cases, "huge query", Case.of(414, "query", "GET", trigger + "?ref=" + "r".repeat(3000), null));
        add(cases, "request line over 4 KiB", Case.of(414, null, "GET", "/suites/" + "s".repeat(5000), null));
        add(
                cases,
                "huge idempotency key",
                Case.of(400, "Idempotency-Key", "POST", trigger, null, "Idempotency-Key", "k".repeat(300)));
        add(
                cases,
                "blank idempotency key",
                Case.of(400, "Idempotency-Key", "POST", trigger, null, "Idempotency-Key", " "));
        // path traversal, in the API's paths and in asset-like URLs
        add(cases, "dot segments", Case.of(404, null, "GET", "/suites/../../etc/passwd", null));
        add(cases, "encoded dot segments", Case.of(404, null, "GET", "/suites/..%2F..%2Fetc%2Fpasswd/runs", null));
        add(cases, "asset traversal", Case.of(404, null, "GET", "/assets/..%2F..%2F..%2Fetc%2Fpasswd", null));
        add(cases, "static traversal", Case.of(404, null, "GET", "/static/%2e%2e/%2e%2e/pom.xml", null));
        add(
                cases,
                "test name traversal",
                Case.of(404, null, "GET", "/suites/PassingSuite/runs/1/tests/..%2F..%2F..%2Fetc%2Fpasswd", null));
        // bad numbers and enumerations
        add(cases, "run number not a number", Case.of(400, "run", "GET", "/suites/PassingSuite/runs/abc", null));
        add(
                cases,
                "run number too large",
                Case.of(400, "run", "GET", "/suites/PassingSuite/runs/99999999999999999999", null));
        add(cases, "negative limit", Case.of(400, "limit", "GET", trigger + "?limit=-1", null));
        add(cases, "limit too large", Case.of(400, "limit", "GET", trigger + "?limit=100000", null));
        add(cases, "unknown result", Case.of(400, "result", "GET", trigger + "?result=bogus", null));
        add(cases, "wrong method", Case.of(405, null, "PATCH", "/suites", null));
        // bad cron, interval and regex
        add(
                cases,
                "bad cron",
                Case.of(
                        400,
                        "cron",
                        "PUT",
                        schedule,
                        "{\"suite\": \"PassingSuite\", \"cron\": \"every day\"}",
                        "Content-Type",
                        JSON));
        add(
                cases,
                "cron never fires",
                Case.of(
                        400,
                        "cron",
                        "PUT",
                        schedule,
                        "{\"suite\": \"PassingSuite\", \"cron\": \"0 0 0 30 2 ? 2020\"}",
                        "Content-Type",
                        JSON));
        add(
                cases,
                "bad interval",
                Case.of(
                        400,
                        "every",
                        "PUT",
                        schedule,
                        "{\"suite\": \"PassingSuite\", \"every\": \"@every banana\"}",
                        "Content-Type",
                        JSON));
        add(
                cases,
                "interval beyond a duration",
                Case.of(
                        400,
                        "every",
                        "PUT",
                        schedule,
                        "{\"suite\": \"PassingSuite\", \"every\": \"2222222222222222220d\"}",
                        "Content-Type",
                        JSON));
        add(
                cases,
                "until beyond the last instant",
                Case.of(
                        400,
                        "until",
                        "PUT",
                        schedule,
                        "{\"suite\": \"PassingSuite\", \"every\": \"5m\", \"until\": \"8888888888888888882d\"}",
                        "Content-Type",
                        JSON));
        add(
                cases,
                "interval too short",
                Case.of(
                        400,
                        "every",
                        "PUT",
                        schedule,
                        "{\"suite\": \"PassingSuite\", \"every\": \"10ms\"}",
                        "Content-Type",
                        JSON));
        add(
                cases,
                "schedule with bad regex",
                Case.of(
                        400,
                        "filter",
                        "PUT",
                        schedule,
                        "{\"suite\": \"PassingSuite\", \"every\": \"5m\", \"filter\": \"([\"}",
                        "Content-Type",
                        JSON));
        add(cases, "unclosed group", Case.of(400, "filter", "POST", trigger + "?filter=(", null));
        add(
                cases,
                "filter matching nothing",
                Case.of(400, "filter", "POST", trigger + "?filter=nothing-is-called-this", null));
        add(
                cases,
                "filter over 1000 characters",
                Case.of(
                        400,
                        "filter",
                        "POST",
                        trigger,
                        "{\"filter\": \"" + "a".repeat(1001) + "\"}",
                        "Content-Type",
                        JSON));
        add(
                cases,
                "catastrophic backtracking",
                Case.of(400, "filter", "POST", trigger + "?filter=(.*a)%7B25%7D", null));
        add(
                cases,
                "exponential backtracking",
                Case.of(
                        400,
                        "filter",
                        "POST",
                        trigger,
                        "{\"filter\": \"^(([a-z])+.)+[A-Z]([a-z])+$x\"}",
                        "Content-Type",
                        JSON));
        // bad tokens
        add(
                cases,
                "no token",
                Case.of(401, "Authorization", "POST", trigger, null, "Authorization", "Basic YWRtaW46YWRtaW4="));
        add(
                cases,
                "unknown token",
                Case.of(401, "Authorization", "POST", trigger, null, "Authorization", "Bearer admin-0123456789abcdeg"));
        add(cases, "empty bearer", Case.of(401, "Authorization", "GET", "/suites", null, "Authorization", "Bearer  "));
        add(
                cases,
                "read token triggers",
                Case.of(403, "Authorization", "POST", trigger, null, "Authorization", "Bearer " + READ));
        add(
                cases,
                "read token deletes schedule",
                Case.of(403, "Authorization", "DELETE", "/schedules/nightly", null, "Authorization", "Bearer " + READ));
        add(
                cases,
                "huge token header",
                Case.of(431, "headers", "GET", "/suites", null, "Authorization", "Bearer " + "t".repeat(10_000)));
        add(
                cases,
                "bad cookie token",
                Case.of(
                        401,
                        "Authorization",
                        "POST",
                        "/schedules/nightly/pause",
                        null,
                        "Authorization",
                        "",
                        "Cookie",
                        "handoff_session=guess-0123456789abcdef"));
        add(
                cases,
                "cross-site form",
                Case.of(
                        403,
                        "Origin",
                        "POST",
                        trigger,
                        "filter=passes",
                        "Authorization",
                        "",
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "Cookie",
                        "handoff_session=" + ADMIN,
                        "Sec-Fetch-Site",
                        "cross-site"));
        // schedule names, kinds and steps that were taken (issue 15), and NUL in any field
        String form = "application/x-www-form-urlencoded";
        for (String name : List.of(".", "..", "a%00b", "a%0Ab", "a%0D%0Ab")) {
            add(
                    cases,
                    "schedule named " + name,
                    Case.of(
                            400,
                            "name",
                            "POST",
                            "/schedules",
                            "name=" + name + "&suite=PassingSuite&kind=every&expression=5m",
                            "Content-Type",
                            form));
        }
        add(
                cases,
                "schedule of kind bogus",
                Case.of(
                        400,
                        "kind",
                        "POST",
                        "/schedules",
                        "name=k&suite=PassingSuite&kind=bogus&expression=5m",
                        "Content-Type",
                        form));
        add(
                cases,
                "cron stepping by 0",
                Case.of(
                        400,
                        "cron",
                        "PUT",
                        schedule,
                        "{\"suite\": \"PassingSuite\", \"cron\": \"0/0 * * * * ?\"}",
                        "Content-Type",
                        JSON));
        add(
                cases,
                "cron stepping by 00 in minutes",
                Case.of(
                        400,
                        "cron",
                        "PUT",
                        schedule,
                        "{\"suite\": \"PassingSuite\", \"cron\": \"0 */00 * * * ?\"}",
                        "Content-Type",
                        JSON));
        for (String field : List.of("ref", "initiatedBy", "filter")) {
            add(cases, "NUL in query " + field, Case.of(400, field, "POST", trigger + "?" + field + "=a%00b", null));
            add(
                    cases,
                    "NUL in JSON " + field,
                    Case.of(400, field, "POST", trigger, "{\"" + field + "\": \"a\\u0000b\"}", "Content-Type", JSON));
            add(
                    cases,
                    "NUL in form " + field,
                    Case.of(400, field, "POST", trigger, field + "=a%00b", "Content-Type", form));
        }
        add(
                cases,
                "NUL in a parameter's value",
                Case.of(
                        400,
                        "parameters",
                        "POST",
                        trigger,
                        "{\"parameters\": {\"env\": \"a\\u0000\"}}",
                        "Content-Type",
                        JSON));
        add(
                cases,
                "NUL in a parameter's name",
                Case.of(
                        400,
                        "parameters",
                        "POST",
                        trigger,
                        "{\"parameters\": {\"e\\u0000nv\": \"x\"}}",
                        "Content-Type",
                        JSON));
        for (String field : List.of("suite", "filter", "every")) {
            String body = "{\"suite\": \"PassingSuite\", \"every\": \"5m\", \"filter\": \"smoke\"}"
                    .replace(
                            "\"" + (field.equals("suite") ? "PassingSuite" : field.equals("every") ? "5m" : "smoke")
                                    + "\"",
                            "\"x\\u0000y\"");
            add(cases, "NUL in schedule " + field, Case.of(400, field, "PUT", schedule, body, "Content-Type", JSON));
        }
        add(
                cases,
                "NUL in a schedule form's filter",
                Case.of(
                        400,
                        "filter",
                        "POST",
                        "/schedules",
                        "name=n&suite=PassingSuite&kind=every&expression=5m&filter=a%00",
                        "Content-Type",
                        form));
        return cases.stream();
    }

    private static void add(List<Named<Case>> cases, String name, Case badCase) {
        cases.add(Named.of(name, badCase));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void getsItsClientErrorNamingTheFaultAndChangesNothing(Case bad) {
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < bad.headers().size(); i += 2) {
            if (!bad.headers().get(i + 1).isEmpty()) {
                headers.add(bad.headers().get(i));
                headers.add(bad.headers().get(i + 1));
            }
        }
        Http.Reply reply = http.send(bad.method(), bad.path(), bad.body(), headers.toArray(String[]::new));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(bad.status());
        assertThat(reply.header("Content-Type")).as(reply.toString()).startsWith("application/problem+json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(bad.status());
        assertThat(reply.json().get("detail").asText())
                .isNotBlank()
                .doesNotContain(ADMIN)
                .doesNotContain("Exception");
        if (bad.parameter() != null) {
            assertThat(reply.parameter()).as(reply.toString()).isEqualTo(bad.parameter());
        }
        assertThat(reply.body()).doesNotContain("root:x:0:0");
        assertThat(state()).as("runs and schedules after: " + bad).isEqualTo(before);
    }

    @Test
    void aCatastrophicFilterIsRefusedInWellUnderASecond() {
        Instant start = Instant.now();
        Http.Reply reply = admin("POST", "/suites/PassingSuite/runs?filter=%28.*.*%29%7B30%7Dx", null);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText()).contains("takes too many steps");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void everyLimitIsNamedInItsRefusal() {
        assertThat(admin("GET", "/suites", null, "X-Padding", "p".repeat(10_000))
                        .json()
                        .get("detail")
                        .asText())
                .isEqualTo("the request's headers are larger than the 8 KiB the daemon accepts");
        assertThat(admin("GET", "/suites/" + "s".repeat(5000), null)
                        .json()
                        .get("detail")
                        .asText())
                .isEqualTo("the request line (method, path and query) is longer than the 4 KiB the daemon accepts");
        assertThat(admin("GET", "/suites/" + "s".repeat(3500), null)
                        .json()
                        .get("detail")
                        .asText())
                .isEqualTo("the path is 3508 characters long; the daemon takes at most 3072");
        assertThat(admin("GET", "/suites?x=" + "q".repeat(3000), null)
                        .json()
                        .get("detail")
                        .asText())
                .isEqualTo("the query is 3002 characters long; the daemon takes at most 2048");
        assertThat(admin(
                                "POST",
                                "/suites/PassingSuite/runs",
                                "{\"ref\": \"" + "x".repeat(70_000) + "\"}",
                                "Content-Type",
                                JSON)
                        .json()
                        .get("detail")
                        .asText())
                .isEqualTo("the request body is larger than the 64 KiB the daemon accepts");
        assertThat(admin(
                                "POST",
                                "/suites/PassingSuite/runs",
                                "{\"filter\": \"" + "a".repeat(1001) + "\"}",
                                "Content-Type",
                                JSON)
                        .json()
                        .get("detail")
                        .asText())
                .isEqualTo("filter is 1001 characters long; at most 1000 are allowed");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aBodyOverTheLimitIsAnsweredWhileTheClientIsStillSendingIt() {
        // Half a megabyte does not fit in the socket buffers: the answer comes before the client has sent it all.
        String huge = "{\"ref\": \"" + "x".repeat(500_000) + "\"}";
        for (int i = 0; i < 10; i++) {
            Http.Reply reply = admin("POST", "/suites/PassingSuite/runs", huge, "Content-Type", JSON);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
            assertThat(reply.parameter()).isEqualTo("body");
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedAsItIsRead() {
        byte[] huge = ("{\"ref\": \"" + "x".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (String[] request : List.of(
                new String[] {"POST", "/suites/PassingSuite/runs", JSON},
                new String[] {"PUT", "/schedules/big", JSON},
                new String[] {"POST", "/schedules", "application/x-www-form-urlencoded"})) {
            Http.Reply reply = http.sendChunked(
                    request[0], request[1], huge, "Content-Type", request[2], "Authorization", "Bearer " + ADMIN);
            assertThat(reply.status()).as(request[1] + ": " + reply).isEqualTo(413);
            assertThat(reply.json().get("detail").asText())
                    .isEqualTo("the request body is larger than the 64 KiB the daemon accepts");
            assertThat(reply.parameter()).isEqualTo("body");
        }
        assertThat(state()).isEqualTo(before);
    }

    /** The runs and schedules as the API lists them. */
    static String state() {
        return admin("GET", "/suites/PassingSuite/runs?limit=500", null).body() + "\n"
                + admin("GET", "/schedules", null).body().replaceAll("\"nextFireAt\":\"[^\"]*\"", "");
    }

    static Http.Reply admin(String method, String path, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        all.addAll(List.of("Authorization", "Bearer " + ADMIN));
        return http.send(method, path, body, all.toArray(String[]::new));
    }

    private static void awaitIdle() {
        Instant deadline = Instant.now().plus(Daemons.PATIENCE);
        while (admin("GET", "/suites/PassingSuite/runs", null)
                .body()
                .matches("(?s).*\"result\":\"(pending|running)\".*")) {
            assertThat(Instant.now()).as("runs finished in time").isBefore(deadline);
            Runs.sleep();
        }
    }
}
