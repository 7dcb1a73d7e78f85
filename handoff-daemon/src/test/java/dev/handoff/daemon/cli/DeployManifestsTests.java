package dev.handoff.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.config.Setting;
import dev.handoff.daemon.config.Settings;
import dev.handoff.daemon.fixtures.PassingSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of {@code deploy/} against what the daemon really reads and serves: variable names
 * from {@code serve}'s own option table, probe paths answered by a running daemon, ports, the
 * shutdown grace. kubectl is not at hand in the build, so the overlays are rendered here the
 * simple way they are written: a kustomization lists {@code resources} (files, or folders with a
 * kustomization of their own) and nothing else; a patch or generator added later fails this test
 * until the test learns it.
 */
class DeployManifestsTests {

    private static final Path DEPLOY = Path.of("").toAbsolutePath().getParent().resolve("deploy");
    private static final Path OVERLAYS = DEPLOY.resolve("kubernetes/overlays");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "resources");
    /** Where issue 6's Prometheus endpoint lives; the scrape annotations must name it. */
    private static final String METRICS_PATH = "/metrics";

    @TempDir
    Path dataDir;

    @Test
    void singleIsOneStatefulReplicaWithItsH2FileOnAVolume() throws IOException {
        JsonNode statefulSet = only(render("single"), "StatefulSet");
        JsonNode container = container(statefulSet);

        assertThat(statefulSet.at("/spec/replicas").asInt()).isEqualTo(1);
        String dataDirValue = env(container, "HANDOFF_DATA_DIR").orElseThrow().asText();
        String claim =
                statefulSet.at("/spec/volumeClaimTemplates/0/metadata/name").asText();
        assertThat(mounts(container)).containsEntry(claim, dataDirValue);
        assertThat(env(container, "HANDOFF_DB_URL")).isEmpty();
    }

    @Test
    void clusterIsSeveralReplicasWithTheDatabaseFromASecret() throws IOException {
        JsonNode deployment = only(render("cluster"), "Deployment");
        JsonNode container = container(deployment);
        JsonNode secret =
                documents(OVERLAYS.resolve("cluster/secret.example.yaml")).get(0);
        String secretName = secret.at("/metadata/name").asText();

        assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
        for (String variable : List.of("HANDOFF_DB_URL", "HANDOFF_DB_USER")) {
            JsonNode reference = env(container, variable).orElseThrow().path("secretKeyRef");
            assertThat(reference.path("name").asText()).as(variable).isEqualTo(secretName);
            assertThat(secret.path("stringData").has(reference.path("key").asText()))
                    .as(variable)
                    .isTrue();
        }
        assertThat(env(container, "HANDOFF_DB_PASSWORD"))
                .as("the password is a file, not a variable")
                .isEmpty();
        Path passwordFile =
                Path.of(env(container, "HANDOFF_DB_PASSWORD_FILE").orElseThrow().asText());
        JsonNode volume = StreamSupport.stream(
                        deployment.at("/spec/template/spec/volumes").spliterator(), false)
                .filter(v -> v.path("secret").path("secretName").asText().equals(secretName))
                .findFirst()
                .orElseThrow();
        assertThat(Path.of(mounts(container).get(volume.path("name").asText()))
                        .resolve(volume.at("/secret/items/0/path").asText()))
                .isEqualTo(passwordFile);
        assertThat(secret.path("stringData")
                        .has(volume.at("/secret/items/0/key").asText()))
                .isTrue();
    }

    @Test
    void everyHandoffVariableIsOneServeReads() throws IOException {
        Set<String> read = serveVariables();
        for (String overlay : List.of("single", "cluster")) {
            JsonNode container = container(workload(render(overlay)));
            assertThat(StreamSupport.stream(container.path("env").spliterator(), false)
                            .map(e -> e.path("name").asText()))
                    .as(overlay)
                    .allSatisfy(name ->
                            assertThat(read).as(overlay + " sets " + name).contains(name));
        }
        assertThat(dockerfile()
                        .lines()
                        .filter(line -> line.contains("HANDOFF_"))
                        .flatMap(line -> Pattern.compile("HANDOFF_[A-Z_]+")
                                .matcher(line)
                                .results()
                                .map(java.util.regex.MatchResult::group)))
                .isNotEmpty()
                .allSatisfy(name -> assertThat(read).contains(name));
    }

    @Test
    void portsProbesAndScrapeAnnotationsMatchWhatTheDaemonServes() throws IOException {
        try (Handoff handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class))) {
            Daemons http = new Daemons(handoff.url());
            for (String overlay : List.of("single", "cluster")) {
                List<JsonNode> resources = render(overlay);
                JsonNode workload = workload(resources);
                JsonNode container = container(workload);
                int port = env(container, "HANDOFF_PORT")
                        .map(value -> Integer.parseInt(value.asText()))
                        .orElse(Settings.PORT.defaultValue());
                JsonNode named = container.at("/ports/0");
                assertThat(named.path("containerPort").asInt()).as(overlay).isEqualTo(port);
                String portName = named.path("name").asText();
                JsonNode service = only(resources, "Service");
                assertThat(service.at("/spec/ports/0/targetPort").asText())
                        .as(overlay)
                        .isEqualTo(portName);
                assertThat(service.at("/spec/selector")).isEqualTo(workload.at("/spec/template/metadata/labels"));
                for (String probe : List.of("livenessProbe", "readinessProbe")) {
                    JsonNode get = container.path(probe).path("httpGet");
                    assertThat(get.path("port").asText())
                            .as(overlay + " " + probe)
                            .isEqualTo(portName);
                    assertThat(http.get(get.path("path").asText()).status())
                            .as(overlay + " " + probe + " " + get)
                            .isEqualTo(200);
                }
                assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
                assertThat(container.at("/readinessProbe/httpGet/path").asText())
                        .isEqualTo("/ready");
                JsonNode annotations = workload.at("/spec/template/metadata/annotations");
                assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
                assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(Integer.toString(port));
                assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo(METRICS_PATH);
                assertThat(http.get(annotations.path("prometheus.io/path").asText())
                                .body())
                        .as(overlay + " scrape path")
                        .contains("# TYPE handoff_testsuites_running gauge");
                assertThat(container.at("/resources/requests").has("cpu"))
                        .as(overlay)
                        .isTrue();
                assertThat(container.at("/resources/requests").has("memory"))
                        .as(overlay)
                        .isTrue();
            }
        }
    }

    @Test
    void podsGetTheShutdownGracePlusAMarginBeforeTheyAreKilled() throws IOException {
        for (String overlay : List.of("single", "cluster")) {
            JsonNode workload = workload(render(overlay));
            Duration grace = env(container(workload), "HANDOFF_SHUTDOWN_GRACE")
                    .map(value -> new OptionTypes.Length().convert(value.asText()))
                    .orElse(Settings.SHUTDOWN_GRACE.defaultValue());
            long terminationSeconds = workload.at("/spec/template/spec/terminationGracePeriodSeconds")
                    .asLong();
            assertThat(terminationSeconds).as(overlay).isBetween(grace.toSeconds() + 10, grace.toSeconds() + 60);
        }
    }

    @Test
    void podsRunAsTheImagesNonRootUser() throws IOException {
        String user = dockerfile()
                .lines()
                .filter(line -> line.startsWith("USER "))
                .reduce((a, b) -> b)
                .orElseThrow()
                .substring("USER ".length())
                .strip();
        assertThat(user).isNotIn("root", "0");
        for (String overlay : List.of("single", "cluster")) {
            JsonNode security = workload(render(overlay)).at("/spec/template/spec/securityContext");
            assertThat(security.path("runAsNonRoot").asBoolean()).as(overlay).isTrue();
            assertThat(security.path("runAsUser").asText()).as(overlay).isEqualTo(user);
        }
    }

    /** Docker is not at hand in the build: the Dockerfile is checked for what the manifests rely on. */
    @Test
    void dockerfileRunsTheExecutableJarOnSuitesInSlashSuites() throws IOException {
        String dockerfile = dockerfile();
        String daemonPom = Files.readString(Path.of("pom.xml"));

        assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:25-jre$");
        Matcher copy = Pattern.compile("(?m)^COPY (\\S+) (\\S+)$").matcher(dockerfile);
        assertThat(copy.find()).isTrue();
        assertThat(copy.group(1)).isEqualTo("handoff-daemon/target/handoff.jar");
        assertThat(daemonPom).contains("<outputFile>${project.build.directory}/handoff.jar</outputFile>");
        assertThat(dockerfile)
                .containsPattern("(?m)^EXPOSE " + Settings.PORT.defaultValue() + "$")
                .contains("HANDOFF_PORT=" + Settings.PORT.defaultValue())
                .contains("mkdir -p /suites")
                .contains("-XX:AOTCacheOutput=/opt/handoff/handoff.aot -jar " + copy.group(2))
                .contains(
                        "ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=75\", \"-XX:AOTCache=/opt/handoff/handoff.aot\","
                                + " \"-jar\", \"" + copy.group(2)
                                + "\", \"serve\", \"--suites\", \"/suites\"]");
    }

    // --- rendering

    private static List<JsonNode> render(String overlay) throws IOException {
        return render(OVERLAYS.resolve(overlay));
    }

    private static List<JsonNode> render(Path folder) throws IOException {
        JsonNode kustomization = documents(folder.resolve("kustomization.yaml")).get(0);
        assertThat(iterable(kustomization.fieldNames()))
                .as(folder + "/kustomization.yaml uses only what this test renders")
                .isSubsetOf(KUSTOMIZATION_FIELDS);
        List<JsonNode> resources = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path resource = folder.resolve(entry.asText()).normalize();
            resources.addAll(Files.isDirectory(resource) ? render(resource) : documents(resource));
        }
        return resources;
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        try (JsonParser parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
            return documents;
        }
    }

    private static JsonNode only(List<JsonNode> resources, String kind) {
        List<JsonNode> found = resources.stream()
                .filter(r -> r.path("kind").asText().equals(kind))
                .toList();
        assertThat(found).as("one " + kind).hasSize(1);
        return found.get(0);
    }

    private static JsonNode workload(List<JsonNode> resources) {
        List<JsonNode> found = resources.stream()
                .filter(r -> Set.of("StatefulSet", "Deployment")
                        .contains(r.path("kind").asText()))
                .toList();
        assertThat(found).as("one workload").hasSize(1);
        return found.get(0);
    }

    private static JsonNode container(JsonNode workload) {
        JsonNode containers = workload.at("/spec/template/spec/containers");
        assertThat(containers.size()).isEqualTo(1);
        return containers.get(0);
    }

    /** The variable's {@code value} node, or its {@code valueFrom} node. */
    private static Optional<JsonNode> env(JsonNode container, String name) {
        return StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(e -> e.path("name").asText().equals(name))
                .map(e -> e.has("value") ? e.get("value") : e.get("valueFrom"))
                .findFirst();
    }

    /** Volume name to mount path. */
    private static Map<String, String> mounts(JsonNode container) {
        return StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                .collect(Collectors.toMap(
                        m -> m.path("name").asText(), m -> m.path("mountPath").asText()));
    }

    /** HANDOFF_* of every option of {@code serve}, from its own option table. */
    private static Set<String> serveVariables() {
        var serve = HandoffCommand.commandLine(new CliContext(Map.of(), System.out, System.err))
                .getSubcommands()
                .get("serve");
        return serve.getCommandSpec().options().stream()
                .filter(option -> !option.usageHelp() && !option.versionHelp())
                .map(option -> Setting.variable(OptionDefaults.key(option)))
                .collect(Collectors.toSet());
    }

    private static String dockerfile() throws IOException {
        return Files.readString(DEPLOY.resolve("Dockerfile"));
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
