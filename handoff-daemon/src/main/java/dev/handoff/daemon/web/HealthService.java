package dev.handoff.daemon.web;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/** {@code GET /healthz}: 200 "ok" while the server answers, for container probes. */
final class HealthService implements HttpService {

    @Override
    public void routing(HttpRules rules) {
        rules.get("/healthz", (request, response) -> Responses.text(response, Status.OK_200, "ok"));
    }
}
