package dev.handoff.daemon.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The pages' style sheet, script and icon, read once from the jar: the daemon runs where there may
 * be no internet, so nothing comes from a CDN. Only these names are served; any other is a 404.
 */
final class AssetsService implements ApiService {

    private record Asset(HttpMediaType type, byte[] bytes) {}

    private static final Map<String, Asset> ASSETS = Map.of(
            "handoff.css", load("handoff.css", HttpMediaType.create("text/css").withCharset(StandardCharsets.UTF_8)),
            "handoff.js",
                    load("handoff.js", HttpMediaType.create("text/javascript").withCharset(StandardCharsets.UTF_8)),
            "login.css", load("login.css", HttpMediaType.create("text/css").withCharset(StandardCharsets.UTF_8)),
            "favicon.svg", load("favicon.svg", HttpMediaType.create("image/svg+xml")));

    @Override
    public Map<Route, Handler> handlers() {
        return Map.of(Route.ASSET, AssetsService::serve);
    }

    private static void serve(ServerRequest request, ServerResponse response) {
        String name = request.path().pathParameters().get("asset");
        Asset asset = ASSETS.get(name);
        if (asset == null) {
            throw new ProblemException(
                    Status.NOT_FOUND_404,
                    "there is no asset '%s'; the pages use %s"
                            .formatted(
                                    name,
                                    String.join(
                                            ", ",
                                            ASSETS.keySet().stream().sorted().toList())));
        }
        // Short-lived: a daemon upgraded in place serves its new style sheet within minutes.
        response.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        response.headers().contentType(asset.type());
        response.send(asset.bytes());
    }

    private static Asset load(String name, HttpMediaType type) {
        try (InputStream in = AssetsService.class.getResourceAsStream("assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the daemon's jar lacks the asset " + name);
            }
            return new Asset(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
