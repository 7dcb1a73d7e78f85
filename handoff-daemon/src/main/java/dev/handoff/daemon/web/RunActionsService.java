package dev.handoff.daemon.web;

import dev.handoff.daemon.model.SuiteRun;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Retrying and cancelling a run. Both answer 202 Accepted with the run as it is now: the runner
 * does the work later (a retried run is pending; a running run stops once its current test stopped).
 * A browser's form gets 303 to the run's page, which shows the run as it goes.
 */
final class RunActionsService implements ApiService {

    private final ApiContext context;

    RunActionsService(ApiContext context) {
        this.context = context;
    }

    @Override
    public Map<Route, Handler> handlers() {
        Map<Route, Handler> handlers = new LinkedHashMap<>();
        handlers.put(Route.RETRY, this::retry);
        handlers.put(Route.CANCEL, this::cancel);
        return handlers;
    }

    private void retry(ServerRequest request, ServerResponse response) {
        accepted(request, response, context.runs().retry(Params.runId(request)));
    }

    private void cancel(ServerRequest request, ServerResponse response) {
        accepted(request, response, context.runs().cancel(Params.runId(request)));
    }

    private void accepted(ServerRequest request, ServerResponse response, SuiteRun run) {
        Views.RunSummary summary = Views.RunSummary.of(run, context.clock().instant());
        Representation.acted(request, response, Status.ACCEPTED_202, summary, summary.url());
    }
}
