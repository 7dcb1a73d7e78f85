package dev.handoff.daemon.web;

import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /openapi.yaml}: the API's OpenAPI document, written by hand and kept beside this
 * class in the jar (not at the classpath's root, where a test project's own {@code openapi.yaml}
 * could shadow it in library mode).
 */
final class OpenApiService implements ApiService {

    static final String RESOURCE = "openapi.yaml";

    private static final HttpMediaType YAML =
            HttpMediaType.create("application/yaml").withCharset(StandardCharsets.UTF_8);

    private final byte[] document;

    OpenApiService() {
        this.document = document();
    }

    /** The document's text, as the jar holds it. */
    static byte[] document() {
        try (InputStream in = OpenApiService.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the daemon's jar lacks " + RESOURCE + " beside " + OpenApiService.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<Route, Handler> handlers() {
        return Map.of(Route.OPENAPI, (request, response) -> {
            response.headers().contentType(YAML);
            response.send(document);
        });
    }
}
