package dev.handoff.daemon.web;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.RunDetail;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.TestSummary;
import dev.handoff.daemon.model.UnknownRunException;
import dev.handoff.daemon.store.RunStore;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Go project's client calls, under {@code /go}: a team keeps its Go client and harness
 * and points them at {@code http://HOST:PORT/go}. Requests are read as at the API's own routes
 * (the same filter, ref, {@code initiatedby} and {@code Idempotency-Key}); answers are JSON in the
 * shapes of {@link GoViews}, whatever the request accepts.
 */
final class GoClientService implements ApiService {

    private final ApiContext context;

    GoClientService(ApiContext context) {
        this.context = context;
    }

    @Override
    public Map<Route, Handler> handlers() {
        Map<Route, Handler> handlers = new LinkedHashMap<>();
        handlers.put(Route.GO_CLIENT_TRIGGER, this::trigger);
        handlers.put(Route.GO_CLIENT_RUN, this::run);
        handlers.put(Route.GO_CLIENT_TEST, this::test);
        return handlers;
    }

    private void trigger(ServerRequest request, ServerResponse response) {
        String suite = Params.suite(request);
        RunRequest runRequest = TriggerRequests.read(request);
        RunStore.Created created = context.runs().trigger(suite, runRequest);
        RunId id = created.run().id();
        if (created.created()) {
            response.header(HeaderNames.LOCATION, "/go" + Paths.run(id));
        }
        Representation.send(request, response, created.created() ? Status.CREATED_201 : Status.OK_200, goRun(id));
    }

    private void run(ServerRequest request, ServerResponse response) {
        Representation.send(request, response, Status.OK_200, goRun(Params.runId(request)));
    }

    private void test(ServerRequest request, ServerResponse response) {
        RunId id = Params.runId(request);
        String test = request.path().pathParameters().get("test");
        List<Attempt> attempts = context.store().attempts(id, test);
        if (attempts.isEmpty() && context.store().find(id).isEmpty()) {
            throw new UnknownRunException(id);
        }
        // Go answered a test the run does not have with no attempts, not with 404.
        Representation.send(request, response, Status.OK_200, GoViews.testRuns(id, attempts));
    }

    private GoViews.GoTestSuiteRun goRun(RunId id) {
        RunDetail detail = context.store().detail(id).orElseThrow(() -> new UnknownRunException(id));
        List<Attempt> attempts = new ArrayList<>();
        for (TestSummary test : detail.tests()) {
            if (test.attempts() > 1) {
                attempts.addAll(context.store().attempts(id, test.test()));
            } else {
                attempts.add(test.latest());
            }
        }
        int tests = context.catalog()
                .find(id.suite())
                .map(Suite::tests)
                .map(List::size)
                .orElse(detail.tests().size());
        return GoViews.GoTestSuiteRun.of(
                detail, tests, attempts, context.clock().instant());
    }
}
