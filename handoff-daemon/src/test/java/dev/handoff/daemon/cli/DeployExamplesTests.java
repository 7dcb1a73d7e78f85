package dev.handoff.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.jayway.jsonpath.JsonPath;
import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.FailingSuite;
import dev.handoff.daemon.fixtures.FlakySuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of {@code deploy/examples/} against a real daemon: each Argo Rollouts template's
 * request is sent as Argo would send it, its {@code jsonPath} evaluated on the daemon's real JSON
 * and its conditions decided on the result; the job template's and the GitHub workflow's {@code
 * handoff gate} command is run; the Flagger Canary's webhooks are called with Flagger's payload.
 */
class DeployExamplesTests {

    private static final Path EXAMPLES =
            Path.of("").toAbsolutePath().getParent().resolve("deploy").resolve("examples");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ARG = Pattern.compile("\\{\\{\\s*args\\.([a-z-]+)\\s*}}");
    private static final Pattern EQUALS = Pattern.compile("result == \"([a-z-]+)\"");
    private static final String TOKEN = "trigger-0123456789abcdef";
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    static Path dataDir;

    private static Handoff handoff;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        Path tokens = dataDir.resolve("tokens");
        Files.writeString(tokens, "trigger " + TOKEN + " argo\n");
        handoff = Daemons.started(
                Daemons.local(dataDir.resolve("data"), PassingSuite.class, FlakySuite.class, FailingSuite.class)
                        .apiTokens(tokens));
    }

    @AfterAll
    static void stop() {
        handoff.close();
    }

    @Test
    void theArgoGateWebMetricSucceedsOnAPassingGateAndFailsOnAFailingOne() throws Exception {
        JsonNode metric = metric(template("argo-rollouts/analysis-web.yaml", "handoff-gate"), "e2e-gate");

        String passed = measure(metric, args("version", "v1.0.0", "suites", "PassingSuite,FlakySuite"));
        String failed = measure(metric, args("version", "v1.0.1", "suites", "PassingSuite,FailingSuite"));
        String again = measure(metric, args("version", "v1.0.1", "suites", "PassingSuite,FailingSuite"));

        assertThat(passed).isEqualTo("passed");
        assertThat(holds(metric.path("successCondition").asText(), passed)).isTrue();
        assertThat(holds(metric.path("failureCondition").asText(), passed)).isFalse();
        assertThat(failed).isEqualTo("failed");
        assertThat(holds(metric.path("successCondition").asText(), failed)).isFalse();
        assertThat(holds(metric.path("failureCondition").asText(), failed)).isTrue();
        assertThat(holds(metric.path("failureCondition").asText(), "timed-out")).isTrue();
        assertThat(holds(metric.path("successCondition").asText(), "running")
                        || holds(metric.path("failureCondition").asText(), "running"))
                .as("a running gate is inconclusive")
                .isFalse();
        assertThat(again).as("the next measurement reads the same gate").isEqualTo("failed");
        List<String> refs = new ArrayList<>();
        JSON.readTree(get("/gates").body())
                .path("gates")
                .forEach(gate -> refs.add(gate.path("ref").asText()));
        assertThat(refs).as("one gate per version").containsOnlyOnce("v1.0.0", "v1.0.1");
    }

    @Test
    void theArgoLatestRunWebMetricReadsTheRunOfTheVersion() throws Exception {
        JsonNode metric = metric(template("argo-rollouts/analysis-web.yaml", "handoff-latest-run"), "e2e-latest-run");
        Daemons.Response run =
                post("/suites/PassingSuite/runs?ref=v2.0.0", "{}", Map.of("Content-Type", "application/json"));
        long number = JSON.readTree(run.body()).path("number").asLong();
        awaitFinished("PassingSuite", number);

        String result = measure(metric, args("version", "v2.0.0", "suite", "PassingSuite"));

        assertThat(result).isEqualTo("passed");
        assertThat(holds(metric.path("successCondition").asText(), result)).isTrue();
        assertThat(holds(metric.path("failureCondition").asText(), "failed")).isTrue();
        assertThat(holds(metric.path("successCondition").asText(), "flaky")).isTrue();
    }

    @Test
    void theArgoJobMetricRunsHandoffGateWhoseExitCodeIsTheVerdict() throws IOException {
        JsonNode metric = metric(template("argo-rollouts/analysis-job.yaml", "handoff-gate-job"), "e2e-gate");
        JsonNode container = metric.at("/provider/job/spec/template/spec/containers/0");
        assertThat(container.path("command").toString()).isEqualTo("[\"java\",\"-jar\",\"/opt/handoff/handoff.jar\"]");

        int passed = runContainer(container, args("version", "v3.0.0", "suites", "PassingSuite"));
        int failed = runContainer(container, args("version", "v3.0.1", "suites", "FailingSuite"));

        assertThat(passed).isEqualTo(ExitCode.OK);
        assertThat(failed).isEqualTo(ExitCode.FAILED);
    }

    @Test
    void theGitHubWorkflowsGateStepRunsHandoffGate() throws IOException {
        JsonNode workflow =
                documents(EXAMPLES.resolve("github-actions/gate.yml")).getFirst();
        JsonNode step = null;
        for (JsonNode candidate : workflow.at("/jobs/staging/steps")) {
            if (candidate.path("run").asText().contains("handoff.jar gate")) {
                step = candidate;
            }
        }
        assertThat(step).as("a step that runs handoff gate").isNotNull();
        String command = step.path("run")
                .asText()
                .replace("${{ github.sha }}", SHA)
                .replace("${{ github.run_id }}", "42")
                .replace("${{ github.run_attempt }}", "1")
                .replace("\"", "");
        assertThat(command).doesNotContain("${{");
        List<String> words = new ArrayList<>(Arrays.asList(command.strip().split("\\s+")));
        assertThat(words.subList(0, 3)).containsExactly("java", "-jar", "handoff.jar");
        List<String> arguments = words.subList(3, words.size());
        arguments.replaceAll(word -> word.equals("checkout,search") ? "PassingSuite,FlakySuite" : word);
        assertThat(step.at("/env/HANDOFF_URL").asText()).isEqualTo("${{ vars.HANDOFF_URL }}");

        Cli.Result gate = Cli.run(
                Map.of("HANDOFF_URL", handoff.url().toString(), "HANDOFF_TOKEN", TOKEN),
                arguments.toArray(String[]::new));

        assertThat(gate.exitCode()).as(gate.err()).isEqualTo(ExitCode.OK);
        assertThat(gate.out()).contains("passed");
    }

    @Test
    void theFlaggerCanarysWebhooksAnswer200ForAPassingGate() throws Exception {
        JsonNode canary = documents(EXAMPLES.resolve("flagger/canary.yaml")).getFirst();
        JsonNode webhooks = canary.at("/spec/analysis/webhooks");
        assertThat(webhooks).hasSize(2);
        List<String> types = new ArrayList<>();
        for (JsonNode webhook : webhooks) {
            types.add(webhook.path("type").asText());
            URI url = URI.create(webhook.path("url").asText());
            assertThat(url.getPath()).isEqualTo("/gates/flagger");
            Map<String, Object> metadata = JSON.convertValue(
                    webhook.path("metadata"), new com.fasterxml.jackson.core.type.TypeReference<>() {});
            metadata.put("suites", "PassingSuite");
            String payload = JSON.writeValueAsString(Map.of(
                    "name",
                    canary.at("/metadata/name").asText(),
                    "namespace",
                    canary.at("/metadata/namespace").asText(),
                    "phase",
                    "Progressing",
                    "checksum",
                    "6b8f7d9c",
                    "metadata",
                    metadata));

            Daemons.Response reply = post(url.getPath(), payload, Map.of("Content-Type", "application/json"));

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        }
        assertThat(types).containsExactly("pre-rollout", "rollout");
    }

    /** What Argo's web provider does: the request, the jsonPath on the answer. */
    private static String measure(JsonNode metric, Map<String, String> args) throws Exception {
        JsonNode web = metric.at("/provider/web");
        URI url = URI.create(substitute(web.path("url").asText(), args));
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(web.path("timeoutSeconds").asInt(10)));
        for (JsonNode header : web.path("headers")) {
            request.header(
                    header.path("key").asText(), substitute(header.path("value").asText(), args));
        }
        String method = web.path("method").asText("GET");
        if (web.has("jsonBody")) {
            String body = substitute(JSON.writeValueAsString(web.path("jsonBody")), args);
            request.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode() / 100).as(response.body()).isEqualTo(2);
        String jsonPath = web.path("jsonPath").asText();
        assertThat(jsonPath).as("Argo's form, in braces").startsWith("{").endsWith("}");
        return JsonPath.read(response.body(), jsonPath.substring(1, jsonPath.length() - 1));
    }

    /**
     * Argo's condition, for the forms the examples use: {@code result == "x"} joined by {@code ||}.
     * Any other form fails here, so that an example cannot drift past what this test decides.
     */
    private static boolean holds(String condition, String result) {
        boolean holds = false;
        for (String part : condition.split("\\|\\|")) {
            Matcher equals = EQUALS.matcher(part.strip());
            assertThat(equals.matches()).as("condition part '%s'", part).isTrue();
            holds |= equals.group(1).equals(result);
        }
        return holds;
    }

    private static int runContainer(JsonNode container, Map<String, String> args) {
        List<String> arguments = new ArrayList<>();
        container.path("args").forEach(arg -> arguments.add(substitute(arg.asText(), args)));
        Map<String, String> env = new HashMap<>();
        for (JsonNode variable : container.path("env")) {
            if (variable.has("value")) {
                env.put(
                        variable.path("name").asText(),
                        substitute(variable.path("value").asText(), args));
            } else {
                assertThat(variable.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("handoff-token");
                env.put(variable.path("name").asText(), TOKEN);
            }
        }
        return Cli.run(env, arguments.toArray(String[]::new)).exitCode();
    }

    private Map<String, String> args(String... pairs) {
        Map<String, String> args = new HashMap<>();
        args.put("handoff-url", handoff.url().toString().replaceAll("/$", ""));
        args.put("handoff-token", TOKEN);
        for (int i = 0; i < pairs.length; i += 2) {
            args.put(pairs[i], pairs[i + 1]);
        }
        return args;
    }

    private static String substitute(String text, Map<String, String> args) {
        Matcher arg = ARG.matcher(text);
        StringBuilder out = new StringBuilder();
        while (arg.find()) {
            assertThat(args).as("argument " + arg.group(1)).containsKey(arg.group(1));
            arg.appendReplacement(out, Matcher.quoteReplacement(args.get(arg.group(1))));
        }
        arg.appendTail(out);
        return out.toString();
    }

    private static JsonNode template(String file, String name) throws IOException {
        for (JsonNode document : documents(EXAMPLES.resolve(file))) {
            if (document.path("kind").asText().equals("AnalysisTemplate")
                    && document.at("/metadata/name").asText().equals(name)) {
                List<String> declared = new ArrayList<>();
                document.at("/spec/args")
                        .forEach(arg -> declared.add(arg.path("name").asText()));
                Matcher used = ARG.matcher(document.toString());
                while (used.find()) {
                    assertThat(declared)
                            .as(name + " declares every argument it uses")
                            .contains(used.group(1));
                }
                return document;
            }
        }
        throw new AssertionError(file + " has no AnalysisTemplate " + name);
    }

    private static JsonNode metric(JsonNode template, String name) {
        for (JsonNode metric : template.at("/spec/metrics")) {
            if (metric.path("name").asText().equals(name)) {
                return metric;
            }
        }
        throw new AssertionError("no metric " + name);
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        try (JsonParser parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
            return documents;
        }
    }

    private static Daemons.Response get(String path) throws Exception {
        return send(HttpRequest.newBuilder(handoff.url().resolve(path)).GET());
    }

    private static Daemons.Response post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(handoff.url().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    private static Daemons.Response send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(
                request.header("Authorization", "Bearer " + TOKEN)
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Daemons.Response(response.statusCode(), "", "", response.body());
    }

    private static void awaitFinished(String suite, long number) throws Exception {
        long until = System.nanoTime() + Daemons.PATIENCE.toNanos();
        while (System.nanoTime() < until) {
            String result = JSON.readTree(
                            get("/suites/" + suite + "/runs/" + number).body())
                    .path("result")
                    .asText();
            if (!result.equals("pending") && !result.equals("running")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + suite + " #" + number + " did not finish");
    }
}
