package dev.handoff.daemon.web;

import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.runner.Suite;
import dev.handoff.daemon.runner.UnknownSuiteException;
import dev.handoff.daemon.web.html.Pages;
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

/**
 * The suites the daemon knows, each with its latest run; {@code /} leads here. A browser's page of
 * one suite also lists its first page of runs, as {@code /suites/{suite}/runs} does.
 */
final class SuitesService implements ApiService {

    private final ApiContext context;

    SuitesService(ApiContext context) {
        this.context = context;
    }

    @Override
    public Map<Route, Handler> handlers() {
        Map<Route, Handler> handlers = new LinkedHashMap<>();
        handlers.put(Route.HOME, (request, response) ->
                response.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, Paths.SUITES).send());
        handlers.put(Route.SUITES, this::list);
        handlers.put(Route.SUITE, this::show);
        return handlers;
    }

    private void list(ServerRequest request, ServerResponse response) {
        List<Suite> suites = context.catalog().suites();
        Map<String, SuiteRun> latest = context.store().latestRuns(suites.stream().map(Suite::name).toList());
        Instant now = context.clock().instant();
        Views.Suites view = new Views.Suites(suites.stream()
                .map(suite -> Views.SuiteView.of(suite, Optional.ofNullable(latest.get(suite.name())), now))
                .toList());
        Representation.send(request, response, Status.OK_200, view, () -> Pages.suites(suites, latest));
    }

    private void show(ServerRequest request, ServerResponse response) {
        String name = Params.suite(request);
        Suite suite = context.catalog().find(name).orElseThrow(() -> new UnknownSuiteException(name));
        Optional<SuiteRun> latest = Optional.ofNullable(context.store().latestRuns(List.of(name)).get(name));
        Instant now = context.clock().instant();
        Representation.send(request, response, Status.OK_200, Views.SuiteView.of(suite, latest, now), () -> {
            RunsService.PageOfRuns page = RunsService.PageOfRuns.read(context.store(), name, RunsService.FIRST_PAGE);
            return Pages.suite(suite, page.runs(), RunsService.FIRST_PAGE, page.next(), now);
        });
    }
}
