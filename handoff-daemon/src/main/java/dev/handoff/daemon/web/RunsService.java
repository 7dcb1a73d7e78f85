package dev.handoff.daemon.web;

import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.runner.UnknownSuiteException;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.daemon.store.RunStore.RunQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A suite's runs: pages of them, newest first, and triggering a new one. */
final class RunsService implements ApiService {

    private final ApiContext context;

    RunsService(ApiContext context) {
        this.context = context;
    }

    @Override
    public Map<Route, Handler> handlers() {
        Map<Route, Handler> handlers = new LinkedHashMap<>();
        handlers.put(Route.RUNS, this::list);
        handlers.put(Route.TRIGGER, this::trigger);
        return handlers;
    }

    /**
     * A page is full when it has {@code limit} runs; only then does it link the next one, which
     * starts below its oldest run. Run numbers have no gaps, so a full page ending at run 1 is the last.
     */
    private void list(ServerRequest request, ServerResponse response) {
        String suite = Params.suite(request);
        RunQuery query = Params.runQuery(request.query());
        if (context.catalog().find(suite).isEmpty()) {
            throw new UnknownSuiteException(suite);
        }
        List<SuiteRun> runs = context.store().runs(suite, query);
        String next = null;
        if (runs.size() == query.limit() && runs.getLast().id().number() > 1) {
            next = Paths.runsPage(suite, runs.getLast().id().number(), query.limit(), query.result(), query.ref());
        }
        Instant now = context.clock().instant();
        Representation.send(request, response, Status.OK_200,
                new Views.RunsPage(suite, runs.stream().map(run -> Views.RunSummary.of(run, now)).toList(), next));
    }

    /** 201 with the new run; 200 with the run an earlier request with the same idempotency key got. */
    private void trigger(ServerRequest request, ServerResponse response) {
        RunStore.Created created = context.runs().trigger(Params.suite(request), TriggerRequests.read(request));
        Views.RunSummary run = Views.RunSummary.of(created.run(), context.clock().instant());
        if (created.created()) {
            response.header(HeaderNames.LOCATION, run.url());
        }
        Representation.send(request, response, created.created() ? Status.CREATED_201 : Status.OK_200, run);
    }
}
