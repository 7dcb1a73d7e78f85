package dev.handoff.daemon.web;

import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.ScheduleStatus;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.store.RunReads;
import dev.handoff.daemon.store.RunReads.RunQuery;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.daemon.web.html.Pages;
import dev.handoff.daemon.web.html.SuiteModel;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A suite's runs: pages of them, newest first, and triggering a new one. */
final class RunsService implements ApiService {

    /** The first page of a suite's runs, as the suite's own page shows it. */
    static final RunQuery FIRST_PAGE = Params.runQuery(UriQuery.empty());

    private final ApiContext context;

    RunsService(ApiContext context) {
        this.context = context;
    }

    @Override
    public Map<Route, Handler> handlers() {
        Map<Route, Handler> handlers = new LinkedHashMap<>();
        handlers.put(Route.RUNS, this::list);
        handlers.put(Route.TRIGGER, this::trigger);
        handlers.put(Route.LATEST_RUN, this::latest);
        return handlers;
    }

    /**
     * The suite's newest run with the {@code ref}, {@code result} and {@code initiatedBy} given:
     * what a deployment gates on when the run was triggered elsewhere. 404 when there is none.
     */
    private void latest(ServerRequest request, ServerResponse response) {
        String suite = Params.suite(request);
        RunReads.LatestQuery query = Params.latestQuery(request.query());
        SuiteRun run = context.store()
                .latest(suite, query)
                .orElseThrow(() -> new ProblemException(
                        Status.NOT_FOUND_404, "suite '%s' has no run%s".formatted(suite, describe(query))));
        Representation.send(
                request,
                response,
                Status.OK_200,
                Views.RunSummary.of(run, context.clock().instant()));
    }

    private static String describe(RunReads.LatestQuery query) {
        List<String> parts = new java.util.ArrayList<>();
        query.ref().ifPresent(ref -> parts.add("ref '" + ref + "'"));
        query.result().ifPresent(result -> parts.add("result '" + result.label() + "'"));
        query.initiatedBy().ifPresent(by -> parts.add("initiatedBy '" + by + "'"));
        return parts.isEmpty() ? "" : " with " + String.join(" and ", parts);
    }

    private void list(ServerRequest request, ServerResponse response) {
        String name = Params.suite(request);
        RunQuery query = Params.runQuery(request.query());
        Suite suite = context.catalog().require(name);
        PageOfRuns page = PageOfRuns.read(context.store(), name, query);
        Instant now = context.clock().instant();
        Representation.send(
                request,
                response,
                Status.OK_200,
                new Views.RunsPage(
                        name,
                        page.runs().stream()
                                .map(run -> Views.RunSummary.of(run, now))
                                .toList(),
                        page.next().orElse(null)),
                () -> Pages.suite(new SuiteModel(
                        suite,
                        page.runs(),
                        query,
                        page.next(),
                        now,
                        schedulesOf(context, name),
                        SuiteModel.Trigger.EMPTY)));
    }

    /** The suite's schedules, for its page. */
    static List<ScheduleStatus> schedulesOf(ApiContext context, String suite) {
        return context.schedules().list().stream()
                .filter(schedule -> schedule.stored().definition().suite().equals(suite))
                .toList();
    }

    /**
     * 201 with the new run; 200 with the run an earlier request with the same idempotency key got.
     * A browser's form gets 303 to the run's page either way.
     */
    private void trigger(ServerRequest request, ServerResponse response) {
        String suite = Params.suite(request);
        RunRequest runRequest = TriggerRequests.read(request);
        RunStore.Created created;
        try {
            created = context.runs().trigger(suite, runRequest);
        } catch (InvalidParameterException e) {
            if (!Representation.prefersHtml(request)
                    || context.catalog().find(suite).isEmpty()) {
                throw e;
            }
            refused(response, suite, runRequest, e);
            return;
        }
        Views.RunSummary run =
                Views.RunSummary.of(created.run(), context.clock().instant());
        if (created.created()) {
            response.header(HeaderNames.LOCATION, run.url());
        }
        Representation.acted(request, response, created.created() ? Status.CREATED_201 : Status.OK_200, run, run.url());
    }

    /**
     * A browser's trigger form that was refused (a filter that does not compile or matches no
     * test): the suite's page again, under 400, with what was typed and the reason next to it.
     */
    private void refused(ServerResponse response, String name, RunRequest runRequest, InvalidParameterException e) {
        Suite suite = context.catalog().require(name);
        PageOfRuns page = PageOfRuns.read(context.store(), name, FIRST_PAGE);
        SuiteModel.Trigger form = new SuiteModel.Trigger(
                runRequest.filter().orElse(""),
                runRequest.ref().orElse(""),
                Optional.of(e.getMessage()),
                e.parameter());
        Representation.page(
                response,
                Status.BAD_REQUEST_400,
                Pages.suite(new SuiteModel(
                        suite,
                        page.runs(),
                        FIRST_PAGE,
                        page.next(),
                        context.clock().instant(),
                        schedulesOf(context, name),
                        form)));
    }

    /**
     * A page of a suite's runs, newest first, and the address of the next page. A page is full
     * when it has {@code limit} runs; only then is there a next one, which starts below its oldest
     * run. Run numbers have no gaps, so a full page ending at run 1 is the last.
     */
    record PageOfRuns(List<SuiteRun> runs, Optional<String> next) {

        static PageOfRuns read(RunReads store, String suite, RunQuery query) {
            List<SuiteRun> runs = store.runs(suite, query);
            Optional<String> next = Optional.empty();
            if (runs.size() == query.limit() && runs.getLast().id().number() > 1) {
                next = Optional.of(Paths.runsPage(
                        suite, runs.getLast().id().number(), query.limit(), query.result(), query.ref()));
            }
            return new PageOfRuns(runs, next);
        }
    }
}
