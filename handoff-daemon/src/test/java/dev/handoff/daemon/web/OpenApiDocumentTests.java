package dev.handoff.daemon.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code openapi.yaml} against the routes the server registers. */
class OpenApiDocumentTests {

    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

    private final ApiFixture api = new ApiFixture();
    private final JsonNode document = read();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void documentIsOpenApi303() {
        assertThat(document.get("openapi").asText()).isEqualTo("3.0.3");
        assertThat(document.get("info").get("title").asText()).isNotBlank();
    }

    @Test
    void documentHasExactlyTheRoutesTheServerRegisters() {
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (String key : fieldNames(path.getValue())) {
                if (METHODS.contains(key)) {
                    documented.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }

        assertThat(documented).isEqualTo(registered());
    }

    @Test
    void everyRouteIsRegisteredOnce() {
        List<Route> registered = DaemonServer.services(context()).stream()
                .flatMap(service -> service.handlers().keySet().stream())
                .toList();

        assertThat(registered).containsExactlyInAnyOrder(Route.values());
    }

    @Test
    void everyPathPlaceholderIsADeclaredPathParameter() {
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            Set<String> placeholders = new HashSet<>();
            Matcher matcher = PLACEHOLDER.matcher(path.getKey());
            while (matcher.find()) {
                placeholders.add(matcher.group(1));
            }
            List<JsonNode> parameters = new ArrayList<>();
            path.getValue().path("parameters").forEach(parameters::add);
            for (String method : fieldNames(path.getValue())) {
                if (METHODS.contains(method)) {
                    path.getValue().get(method).path("parameters").forEach(parameters::add);
                }
            }
            Set<String> declared = parameters.stream()
                    .map(this::resolve)
                    .filter(parameter -> parameter.get("in").asText().equals("path"))
                    .map(parameter -> parameter.get("name").asText())
                    .collect(Collectors.toSet());

            assertThat(declared).as(path.getKey()).isEqualTo(placeholders);
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);

        assertThat(references)
                .isNotEmpty()
                .allSatisfy(reference -> assertThat(resolve(reference).isMissingNode())
                        .as(reference)
                        .isFalse());
    }

    @Test
    void serverServesTheDocumentAsYaml() {
        HttpResponse<String> response = api.get("/openapi.yaml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ApiFixture.contentType(response)).startsWith("application/yaml");
        assertThat(response.body()).startsWith("openapi: 3.0.3");
    }

    private Set<String> registered() {
        return DaemonServer.services(context()).stream()
                .flatMap(service -> service.handlers().keySet().stream())
                .map(route -> route.method().text() + " " + route.openApiPath())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private ApiContext context() {
        return new ApiContext(
                api.catalog,
                api.store,
                api.actions,
                () -> true,
                () -> "",
                id -> java.util.Optional.empty(),
                api.clock,
                NoSchedules.INSTANCE,
                () -> "",
                NoGates.INSTANCE,
                dev.handoff.daemon.access.Access.open(),
                new NoStability(api.catalog));
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? resolve(node.get("$ref").asText()) : node;
    }

    private JsonNode resolve(String reference) {
        assertThat(reference).startsWith("#/");
        JsonNode node = document;
        for (String part : Arrays.asList(reference.substring(2).split("/"))) {
            node = node.path(part);
        }
        return node;
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.has("$ref")) {
            references.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectReferences(child, references));
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static JsonNode read() {
        try {
            return new YAMLMapper().readTree(OpenApiService.document());
        } catch (IOException e) {
            throw new AssertionError("openapi.yaml is not YAML", e);
        }
    }
}
