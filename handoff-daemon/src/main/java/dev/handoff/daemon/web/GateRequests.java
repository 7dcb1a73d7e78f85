package dev.handoff.daemon.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.access.Caller;
import dev.handoff.daemon.model.GateRequest;
import dev.handoff.daemon.model.InvalidParameterException;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what {@code POST /gates} and {@code POST /gates/flagger} ask for. A gate's body is JSON:
 * {@code {"suites": ["checkout", "search"], "ref", "filter", "timeout": "10m", "parameters": {...},
 * "strict": false, "initiatedBy"}}, with the {@code Idempotency-Key} header as for a run. Flagger's
 * body is its webhook payload; what the gate needs is in {@code metadata}, whose values are all
 * strings (a Canary's webhook metadata is a map of strings).
 */
final class GateRequests {

    /** A gate's timeout when the request names none. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    static final String DEFAULT_INITIATED_BY = "api";
    static final String FLAGGER = "flagger";

    private static final Set<String> FIELDS =
            Set.of("suites", "ref", "filter", "timeout", "parameters", "strict", "initiatedBy");

    private GateRequests() {}

    static GateRequest read(ServerRequest request) {
        JsonNode body = json(request, "{\"suites\": [\"checkout\"], \"ref\": \"v1.2.3\"}");
        for (String field : iterable(body.fieldNames())) {
            if (!FIELDS.contains(field)) {
                throw new InvalidParameterException(
                        field.isBlank() ? "body" : field,
                        "the body has an unknown field '%s'; a gate takes %s"
                                .formatted(field, String.join(", ", sorted(FIELDS))));
            }
        }
        return new GateRequest(
                suites(body.get("suites")),
                bounded("ref", text(body, "ref")),
                text(body, "filter"),
                timeout(text(body, "timeout")),
                body.has("parameters") ? TriggerRequests.Body.parameters(body.get("parameters")) : Map.of(),
                strict(body.get("strict")),
                bounded("initiatedBy", text(body, "initiatedBy")).orElse(DEFAULT_INITIATED_BY),
                TriggerRequests.idempotencyKey(request),
                request.context().get(Caller.class).map(Caller::name));
    }

    /**
     * Flagger's payload as a gate: {@code metadata.suites} (a comma list), {@code metadata.ref}
     * (default: the checksum), {@code metadata.timeout}, {@code metadata.filter}, {@code
     * metadata.strict}. The gate's idempotency key is made of the canary's name, namespace, phase
     * and checksum, so that Flagger's next call for the same revision and hook finds the same gate.
     * Other fields of the payload are ignored: Flagger may add some.
     */
    static GateRequest flagger(ServerRequest request) {
        JsonNode body = json(
                request,
                "{\"name\": \"podinfo\", \"namespace\": \"test\", \"phase\": \"Progressing\", \"checksum\": \"85d557f47b\","
                        + " \"metadata\": {\"suites\": \"checkout,search\"}}");
        String name = required(body, "name");
        String namespace = required(body, "namespace");
        String phase = required(body, "phase");
        String checksum = required(body, "checksum");
        JsonNode metadata = body.path("metadata");
        if (!metadata.isObject()) {
            throw new InvalidParameterException(
                    "metadata", "metadata must be an object such as {\"suites\": \"checkout,search\"}");
        }
        Optional<String> suites = text(metadata, "suites");
        if (suites.isEmpty()) {
            throw new InvalidParameterException(
                    "metadata.suites", "metadata.suites must name the suites to run, such as \"checkout,search\"");
        }
        String key = "flagger:" + sha256(String.join("\n", namespace, name, phase, checksum));
        return new GateRequest(
                commaList("metadata.suites", suites.get()),
                bounded("metadata.ref", text(metadata, "ref").or(() -> Optional.of(checksum))),
                text(metadata, "filter"),
                timeout(text(metadata, "timeout")),
                Map.of(),
                text(metadata, "strict")
                        .map(value -> flag("metadata.strict", value))
                        .orElse(false),
                "flagger:" + namespace + "/" + name,
                Optional.of(key),
                request.context().get(Caller.class).map(Caller::name));
    }

    private static JsonNode json(ServerRequest request, String example) {
        if (!request.content().hasEntity()) {
            throw new InvalidParameterException("body", "the body must be a JSON object such as " + example);
        }
        byte[] bytes = RequestBodies.read(request);
        String type = request.headers()
                .contentType()
                .map(t -> t.mediaType().text().toLowerCase(Locale.ROOT))
                .orElse("");
        if (!type.equals("application/json")) {
            throw new ProblemException(
                    Status.UNSUPPORTED_MEDIA_TYPE_415,
                    "the body of a gate must be JSON (Content-Type: application/json), not "
                            + request.headers()
                                    .contentType()
                                    .map(HttpMediaType::text)
                                    .orElse("a body without Content-Type"),
                    "Content-Type");
        }
        JsonNode root = TriggerRequests.Body.tree(bytes);
        if (!root.isObject()) {
            throw new InvalidParameterException(
                    "body",
                    "the body must be a JSON object such as " + example + ", not "
                            + TriggerRequests.Body.describe(root));
        }
        return root;
    }

    private static List<String> suites(JsonNode value) {
        if (value == null || value.isNull()) {
            throw new InvalidParameterException("suites", "a gate needs suites, such as \"suites\": [\"checkout\"]");
        }
        if (value.isTextual()) {
            return commaList("suites", value.textValue());
        }
        if (!value.isArray()) {
            throw new InvalidParameterException(
                    "suites",
                    "field 'suites' must be an array of suite names, not " + TriggerRequests.Body.describe(value));
        }
        List<String> suites = new ArrayList<>();
        for (JsonNode suite : value) {
            if (!suite.isTextual() || suite.textValue().isBlank()) {
                throw new InvalidParameterException(
                        "suites", "every suite must be a name, not " + TriggerRequests.Body.describe(suite));
            }
            suites.add(Params.withoutNul("suites", suite.textValue().strip()));
        }
        return suites;
    }

    private static List<String> commaList(String parameter, String text) {
        List<String> suites = Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(suite -> !suite.isEmpty())
                .map(suite -> Params.withoutNul(parameter, suite))
                .toList();
        if (suites.isEmpty()) {
            throw new InvalidParameterException(parameter, parameter + " names no suite: '" + text + "'");
        }
        return suites;
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null ? Optional.empty() : TriggerRequests.Body.text(field, value);
    }

    private static String required(JsonNode body, String field) {
        return text(body, field)
                .orElseThrow(() ->
                        new InvalidParameterException(field, "Flagger's payload must have '" + field + "', a string"));
    }

    private static Duration timeout(Optional<String> text) {
        return text.map(value -> Params.duration("timeout", value, GateRequest.MAX_TIMEOUT))
                .orElse(DEFAULT_TIMEOUT);
    }

    private static boolean strict(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidParameterException(
                    "strict", "field 'strict' must be true or false, not " + TriggerRequests.Body.describe(value));
        }
        return value.booleanValue();
    }

    private static boolean flag(String parameter, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new InvalidParameterException(
                        parameter, parameter + " must be true or false, not '" + value + "'");
        };
    }

    private static Optional<String> bounded(String parameter, Optional<String> value) {
        value.ifPresent(text -> {
            if (text.length() > TriggerRequests.MAX_TEXT) {
                throw new InvalidParameterException(
                        parameter,
                        "%s must be at most %d characters, got %d"
                                .formatted(parameter, TriggerRequests.MAX_TEXT, text.length()));
            }
        });
        return value;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
