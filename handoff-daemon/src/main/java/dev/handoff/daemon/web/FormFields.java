package dev.handoff.daemon.web;

import dev.handoff.daemon.model.InvalidParameterException;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An HTML form's fields ({@code application/x-www-form-urlencoded}, UTF-8), as the schedules
 * page posts them: each known field's first value, stripped; unknown fields are refused by name,
 * so that a typo does not silently drop a setting.
 */
final class FormFields {

    static final String FORM = "application/x-www-form-urlencoded";

    private final Map<String, String> fields;

    private FormFields(Map<String, String> fields) {
        this.fields = fields;
    }

    static FormFields read(ServerRequest request, Set<String> known) {
        Optional<HttpMediaType> type = request.headers().contentType();
        String mediaType =
                type.map(t -> t.mediaType().text().toLowerCase(Locale.ROOT)).orElse("");
        if (!mediaType.equals(FORM)) {
            throw new ProblemException(
                    Status.UNSUPPORTED_MEDIA_TYPE_415,
                    "this takes a form (" + FORM + "), not "
                            + type.map(HttpMediaType::text).orElse("a body without Content-Type"),
                    "Content-Type");
        }
        String body;
        try {
            byte[] bytes = RequestBodies.read(request);
            body = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidParameterException("body", "the form is not UTF-8");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (!known.contains(name)) {
                throw new InvalidParameterException(
                        name,
                        "the form has an unknown field '%s'; it takes %s"
                                .formatted(
                                        name,
                                        String.join(
                                                ", ", known.stream().sorted().toList())));
            }
            fields.putIfAbsent(name, value.strip());
        }
        return new FormFields(fields);
    }

    /** The field's value; empty when absent or blank, as a form's empty inputs are. */
    Optional<String> get(String name) {
        return Optional.ofNullable(fields.get(name)).filter(value -> !value.isEmpty());
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("body", "the form is not URL-encoded: " + e.getMessage());
        }
    }
}
