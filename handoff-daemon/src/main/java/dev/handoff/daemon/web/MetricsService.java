package dev.handoff.daemon.web;

import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /metrics}: the daemon's metrics in the Prometheus text exposition format (version
 * 0.0.4, which every Prometheus scrapes), as its registry renders them.
 */
final class MetricsService implements ApiService {

    static final HttpMediaType PROMETHEUS_TEXT = HttpMediaType.create("text/plain")
            .withCharset(StandardCharsets.UTF_8)
            .withParameter("version", "0.0.4");

    private final ApiContext context;

    MetricsService(ApiContext context) {
        this.context = context;
    }

    @Override
    public Map<Route, Handler> handlers() {
        return Map.of(Route.METRICS, (request, response) -> {
            response.headers().contentType(PROMETHEUS_TEXT);
            response.send(context.metrics().get().getBytes(StandardCharsets.UTF_8));
        });
    }
}
