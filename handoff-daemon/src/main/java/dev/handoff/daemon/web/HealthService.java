package dev.handoff.daemon.web;

import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Probes for containers: {@code /healthz} answers while the server does (liveness); {@code /ready}
 * only once the daemon can take runs (readiness), with the reason while it cannot.
 */
final class HealthService implements ApiService {

    private final ApiContext context;

    HealthService(ApiContext context) {
        this.context = context;
    }

    @Override
    public Map<Route, Handler> handlers() {
        Map<Route, Handler> handlers = new LinkedHashMap<>();
        handlers.put(
                Route.HEALTH,
                (request, response) -> Representation.send(request, response, Status.OK_200, new Views.Health("UP")));
        handlers.put(Route.READY, this::ready);
        return handlers;
    }

    private void ready(ServerRequest request, ServerResponse response) {
        if (context.ready().getAsBoolean()) {
            Representation.send(request, response, Status.OK_200, new Views.Health("READY"));
        } else {
            Representation.send(
                    request,
                    response,
                    Status.SERVICE_UNAVAILABLE_503,
                    new Views.NotReady("NOT_READY", context.notReadyReason().get()));
        }
    }
}
