package dev.handoff.daemon.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.ScheduleDefinition;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the JSON body of {@code PUT /schedules/{schedule}}: {@code {suite, cron | every, filter,
 * maxRuns, until}}. Checked by hand, as {@link TriggerRequests} does, so that every refusal names
 * the field at fault; what the values mean (a valid cron, an interval of at least 1 s) the
 * schedule service checks.
 */
final class ScheduleRequests {

    private static final Set<String> FIELDS = Set.of("suite", "cron", "every", "filter", "maxRuns", "until");
    private static final String EXAMPLE = "{\"suite\": \"checkout\", \"every\": \"5m\", \"filter\": \"smoke.*\"}";

    private ScheduleRequests() {}

    static ScheduleDefinition read(ServerRequest request, String name) {
        JsonNode body = body(request);
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new InvalidParameterException(
                        field.getKey(),
                        "the body has an unknown field '%s'; a schedule takes suite, cron or every, filter, maxRuns and until"
                                .formatted(field.getKey()));
            }
        }
        String suite = text(body, "suite")
                .orElseThrow(() -> new InvalidParameterException(
                        "suite", "a schedule needs the suite it runs, such as " + EXAMPLE));
        Optional<String> cron = text(body, "cron");
        Optional<String> every = text(body, "every");
        if (cron.isPresent() && every.isPresent()) {
            throw new InvalidParameterException("every", "a schedule takes cron or every, not both");
        }
        if (cron.isEmpty() && every.isEmpty()) {
            throw new InvalidParameterException(
                    "cron", "a schedule needs cron (such as \"0 */5 * * * ?\") or every (such as \"5m\")");
        }
        return new ScheduleDefinition(
                name, suite, cron, every, text(body, "filter"), maxRuns(body), text(body, "until"), false);
    }

    private static JsonNode body(ServerRequest request) {
        Optional<HttpMediaType> type = request.headers().contentType();
        String mediaType =
                type.map(t -> t.mediaType().text().toLowerCase(Locale.ROOT)).orElse("");
        if (!mediaType.equals("application/json")) {
            throw new ProblemException(
                    Status.UNSUPPORTED_MEDIA_TYPE_415,
                    "the body of a schedule must be JSON (Content-Type: application/json), not "
                            + type.map(HttpMediaType::text).orElse("a body without Content-Type"),
                    "Content-Type");
        }
        byte[] bytes = RequestBodies.read(request);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidParameterException("body", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidParameterException("body", "the body is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidParameterException("body", "the body must be a JSON object such as " + EXAMPLE);
        }
        return root;
    }

    /** A string; null or an empty string is absent. */
    private static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidParameterException(field, "field '%s' must be a string".formatted(field));
        }
        return Optional.of(value.textValue().strip()).filter(text -> !text.isEmpty());
    }

    private static int maxRuns(JsonNode body) {
        JsonNode value = body.get("maxRuns");
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidParameterException("maxRuns", "field 'maxRuns' must be a whole number (0 for no limit)");
        }
        return value.intValue();
    }
}
