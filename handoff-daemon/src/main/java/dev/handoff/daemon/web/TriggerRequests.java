package dev.handoff.daemon.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.handoff.daemon.access.Caller;
import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.RunRequest;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what {@code POST /suites/{suite}/runs} asks for: query parameters {@code filter}, {@code
 * ref}, {@code initiatedBy} (or {@code initiatedby}, as the Go project spelled it), the {@code Idempotency-Key} header, and an optional JSON body
 * {@code {"filter", "ref", "initiatedBy", "parameters"}} or an HTML form's body ({@code
 * application/x-www-form-urlencoded}: {@code filter}, {@code ref}, {@code initiatedBy}, where an
 * empty field is absent, as a form's empty inputs are). A query parameter wins over the same body
 * field, so that a client with a stored body can override one value from the command line. Without
 * {@code initiatedBy}, a run from a browser's page (see {@link Representation#prefersHtml}) was
 * initiated by {@code ui}, any other by {@code api}. The caller that {@link AccessFilter}
 * authenticated, if any, is kept beside what the request says.
 *
 * <p>The body is checked by hand rather than bound by Jackson, so that every refusal names the
 * field at fault and what it takes.
 */
final class TriggerRequests {

    static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");
    static final int MAX_IDEMPOTENCY_KEY = 200;
    static final String DEFAULT_INITIATED_BY = "api";
    static final String BROWSER_INITIATED_BY = "ui";
    static final String GO_INITIATED_BY = "initiatedby";

    private static final Set<String> TEXT_FIELDS = Set.of("filter", "ref", "initiatedBy");
    private static final String PARAMETERS = "parameters";
    private static final String FORM = "application/x-www-form-urlencoded";

    private TriggerRequests() {}

    static RunRequest read(ServerRequest request) {
        Body body = body(request);
        UriQuery query = request.query();
        return new RunRequest(
                Params.first(query, "filter").or(() -> body.text("filter")),
                bounded("ref", Params.first(query, "ref").or(() -> body.text("ref"))),
                bounded("initiatedBy", initiatedBy(query).or(() -> body.text("initiatedBy")))
                        .orElse(Representation.prefersHtml(request) ? BROWSER_INITIATED_BY : DEFAULT_INITIATED_BY),
                body.parameters(),
                idempotencyKey(request),
                request.context().get(Caller.class).map(Caller::name));
    }

    /**
     * {@code initiatedBy}, or the Go project's spelling {@code initiatedby}, which its clients
     * send; both at once must agree.
     */
    private static Optional<String> initiatedBy(UriQuery query) {
        Optional<String> java = Params.first(query, "initiatedBy");
        Optional<String> go = Params.first(query, GO_INITIATED_BY);
        if (java.isPresent() && go.isPresent() && !java.equals(go)) {
            throw new InvalidParameterException(
                    GO_INITIATED_BY,
                    "initiatedby '%s' (the Go project's spelling) and initiatedBy '%s' disagree; give one"
                            .formatted(go.get(), java.get()));
        }
        return java.or(() -> go);
    }

    /** The stored length of {@code ref} and {@code initiatedBy}: a commit SHA, a tag, a user or a schedule's name fit easily. */
    static final int MAX_TEXT = 500;

    private static Optional<String> bounded(String parameter, Optional<String> value) {
        value.ifPresent(text -> {
            if (text.length() > MAX_TEXT) {
                throw new InvalidParameterException(
                        parameter,
                        "%s must be at most %d characters, got %d".formatted(parameter, MAX_TEXT, text.length()));
            }
        });
        return value;
    }

    static Optional<String> idempotencyKey(ServerRequest request) {
        Optional<String> key = request.headers().first(IDEMPOTENCY_KEY);
        key.ifPresent(value -> {
            if (value.isBlank()) {
                throw new InvalidParameterException(IDEMPOTENCY_KEY.defaultCase(), "Idempotency-Key must not be blank");
            }
            if (value.length() > MAX_IDEMPOTENCY_KEY) {
                throw new InvalidParameterException(
                        IDEMPOTENCY_KEY.defaultCase(),
                        "Idempotency-Key must be at most %d characters, got %d"
                                .formatted(MAX_IDEMPOTENCY_KEY, value.length()));
            }
        });
        return key;
    }

    private static Body body(ServerRequest request) {
        if (!request.content().hasEntity()) {
            return Body.EMPTY;
        }
        byte[] bytes = RequestBodies.read(request);
        return body(bytes, request.headers().contentType());
    }

    /** A body's fields, checked; every refusal names the field or header at fault. */
    static Body body(byte[] bytes, Optional<HttpMediaType> type) {
        if (bytes.length == 0) {
            return Body.EMPTY;
        }
        String mediaType =
                type.map(t -> t.mediaType().text().toLowerCase(Locale.ROOT)).orElse("");
        return switch (mediaType) {
            case "application/json" -> Body.parse(bytes);
            case FORM -> Body.form(bytes);
            default ->
                throw new ProblemException(
                        Status.UNSUPPORTED_MEDIA_TYPE_415,
                        "the body of a run must be JSON (Content-Type: application/json) or a form (" + FORM + "), not "
                                + type.map(HttpMediaType::text).orElse("a body without Content-Type"),
                        "Content-Type");
        };
    }

    /** The body's fields, checked. */
    record Body(Map<String, String> texts, Map<String, String> parameters) {

        static final Body EMPTY = new Body(Map.of(), Map.of());

        Optional<String> text(String field) {
            return Optional.ofNullable(texts.get(field));
        }

        static Body parse(byte[] bytes) {
            JsonNode root = tree(bytes);
            if (root.isMissingNode()) {
                return EMPTY;
            }
            if (!root.isObject()) {
                throw new InvalidParameterException(
                        "body",
                        "the body must be a JSON object such as "
                                + "{\"filter\": \"checkout.*\", \"parameters\": {\"env\": \"staging\"}}, not "
                                + describe(root));
            }
            Map<String, String> texts = new LinkedHashMap<>();
            Map<String, String> parameters = Map.of();
            for (Map.Entry<String, JsonNode> field : root.properties()) {
                String name = field.getKey();
                JsonNode value = field.getValue();
                if (TEXT_FIELDS.contains(name)) {
                    text(name, value).ifPresent(text -> texts.put(name, text));
                } else if (name.equals(PARAMETERS)) {
                    parameters = parameters(value);
                } else {
                    throw new InvalidParameterException(
                            fieldOrBody(name),
                            "the body has an unknown field '%s'; a run takes filter, ref, initiatedBy and parameters"
                                    .formatted(name));
                }
            }
            return new Body(texts, parameters);
        }

        /**
         * A form's fields: each text field's first non-empty value. The form's bytes are UTF-8,
         * as the daemon's pages are, whatever charset the request names.
         */
        static Body form(byte[] bytes) {
            String text;
            try {
                text = StandardCharsets.UTF_8
                        .newDecoder()
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new InvalidParameterException("body", "the form is not UTF-8");
            }
            Map<String, String> texts = new LinkedHashMap<>();
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (!TEXT_FIELDS.contains(name)) {
                    throw new InvalidParameterException(
                            fieldOrBody(name),
                            "the form has an unknown field '%s'; a run's form takes filter, ref and initiatedBy"
                                    .formatted(name));
                }
                if (!value.isEmpty()) {
                    texts.putIfAbsent(name, Params.withoutNul(name, value));
                }
            }
            return new Body(texts, Map.of());
        }

        /** The unknown field's name as the problem's parameter; a blank name (found by fuzzing) names the body instead. */
        private static String fieldOrBody(String name) {
            return name.isBlank() ? "body" : name;
        }

        private static String decode(String encoded) {
            try {
                return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("body", "the form is not URL-encoded: " + e.getMessage());
            }
        }

        static JsonNode tree(byte[] bytes) {
            try {
                return Json.MAPPER.readTree(bytes);
            } catch (JsonProcessingException e) {
                var at = e.getLocation();
                String where = at == null ? "" : " (line %d, column %d)".formatted(at.getLineNr(), at.getColumnNr());
                throw new InvalidParameterException(
                        "body", "the body is not valid JSON: " + e.getOriginalMessage() + where);
            } catch (IOException e) {
                // the bytes are in memory: reading them fails only on what they hold, such as bytes that are no UTF-8
                throw new InvalidParameterException("body", "the body is not valid JSON: " + e.getMessage());
            }
        }

        /** A string; null or an empty string is absent. */
        static Optional<String> text(String name, JsonNode value) {
            if (value.isNull()) {
                return Optional.empty();
            }
            if (!value.isTextual()) {
                throw new InvalidParameterException(
                        name, "field '%s' must be a string, not %s".formatted(name, describe(value)));
            }
            return Optional.of(Params.withoutNul(name, value.textValue())).filter(text -> !text.isEmpty());
        }

        static Map<String, String> parameters(JsonNode value) {
            if (value.isNull()) {
                return Map.of();
            }
            if (!value.isObject()) {
                throw new InvalidParameterException(
                        PARAMETERS,
                        "field 'parameters' must be an object of names to strings, such as {\"env\": \"staging\"}, not "
                                + describe(value));
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> parameter : value.properties()) {
                if (parameter.getKey().isBlank()) {
                    throw new InvalidParameterException(
                            PARAMETERS,
                            "every parameter needs a name, such as {\"env\": \"staging\"}; one has a blank name");
                }
                if (!parameter.getValue().isTextual()) {
                    throw new InvalidParameterException(
                            PARAMETERS,
                            "parameter '%s' must be a string, not %s"
                                    .formatted(parameter.getKey(), describe(parameter.getValue())));
                }
                parameters.put(
                        Params.withoutNul(PARAMETERS, parameter.getKey()),
                        Params.withoutNul(PARAMETERS, parameter.getValue().textValue()));
            }
            return parameters;
        }

        static String describe(JsonNode node) {
            JsonNodeType type = node.getNodeType();
            return switch (type) {
                case ARRAY -> "an array";
                case OBJECT, POJO -> "an object";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL, MISSING -> "null";
                default -> "a " + type.name().toLowerCase(Locale.ROOT);
            };
        }
    }
}
