package dev.handoff.daemon.web;

import dev.handoff.daemon.model.RunStats;
import dev.handoff.daemon.model.ScheduleStatus;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.web.html.Pages;
import dev.handoff.daemon.web.html.SuiteModel;
import dev.handoff.daemon.web.html.SuitesModel;
import dev.handoff.daemon.web.html.TestsModel;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The suites the daemon knows, each with its latest run; {@code /} leads here. A browser's page of
 * one suite also lists its first page of runs, as {@code /suites/{suite}/runs} does.
 *
 * <p>The overview page shows each suite's last {@value #STRIP} runs and what they say (pass and
 * flaky rate, median duration): one bounded index read per suite, never a whole history. The
 * filters ({@code namespace}, {@code label}, {@code q}) narrow the page and the JSON list alike.
 */
final class SuitesService implements ApiService {

    /** How many of each suite's newest runs the overview shows and rates. */
    static final int STRIP = 20;

    private final ApiContext context;

    SuitesService(ApiContext context) {
        this.context = context;
    }

    @Override
    public Map<Route, Handler> handlers() {
        Map<Route, Handler> handlers = new LinkedHashMap<>();
        handlers.put(
                Route.HOME,
                (request, response) -> response.status(Status.SEE_OTHER_303)
                        .header(HeaderNames.LOCATION, Paths.SUITES)
                        .send());
        handlers.put(Route.SUITES, this::list);
        handlers.put(Route.SUITE, this::show);
        return handlers;
    }

    private void list(ServerRequest request, ServerResponse response) {
        List<Suite> suites = context.catalog().suites();
        SuitesModel.Filter filter = filter(request.query());
        Instant now = context.clock().instant();
        Representation.negotiate(
                request,
                response,
                Status.OK_200,
                () -> {
                    List<Suite> shown = suites.stream().filter(filter::accepts).toList();
                    Map<String, SuiteRun> latest = context.store()
                            .latestRuns(shown.stream().map(Suite::name).toList());
                    return new Views.Suites(shown.stream()
                            .map(suite -> Views.SuiteView.of(suite, Optional.ofNullable(latest.get(suite.name())), now))
                            .toList());
                },
                () -> Pages.suites(overview(suites, filter, now)));
    }

    private SuitesModel overview(List<Suite> suites, SuitesModel.Filter filter, Instant now) {
        List<Suite> shown = suites.stream().filter(filter::accepts).toList();
        Map<String, List<SuiteRun>> recent =
                context.store().recentRuns(shown.stream().map(Suite::name).toList(), STRIP);
        Map<String, Instant> nextFire = nextFires();
        List<SuitesModel.Row> rows = shown.stream()
                .map(suite -> {
                    List<SuiteRun> runs =
                            recent.getOrDefault(suite.name(), List.of()).reversed();
                    return new SuitesModel.Row(
                            suite, runs, RunStats.of(runs, now), Optional.ofNullable(nextFire.get(suite.name())));
                })
                .toList();
        List<String> namespaces =
                suites.stream().map(Suite::namespace).distinct().sorted().toList();
        List<String> labels = suites.stream()
                .flatMap(suite -> suite.labels().stream())
                .distinct()
                .sorted()
                .toList();
        return new SuitesModel(rows, suites.size(), filter, namespaces, labels, flakyTests(suites));
    }

    /** The flaky tests panel's rows over these suites: each suite's stability, one bounded read per suite. */
    private List<TestsModel.Row> flakyTests(List<Suite> suites) {
        List<TestsModel.Row> rows = new java.util.ArrayList<>();
        for (Suite suite : suites) {
            context.stability().recent(suite.name()).stream()
                    .map(test -> new TestsModel.Row(suite.name(), test))
                    .forEach(rows::add);
        }
        return TestsModel.panel(rows);
    }

    /** Each suite's soonest next fire over its schedules. */
    private Map<String, Instant> nextFires() {
        Map<String, Instant> next = new HashMap<>();
        for (ScheduleStatus schedule : context.schedules().list()) {
            schedule.nextFireTime()
                    .ifPresent(fire ->
                            next.merge(schedule.stored().definition().suite(), fire, (a, b) -> a.isBefore(b) ? a : b));
        }
        return next;
    }

    private static SuitesModel.Filter filter(UriQuery query) {
        return new SuitesModel.Filter(text(query, "namespace"), text(query, "label"), text(query, "q"));
    }

    private static String text(UriQuery query, String name) {
        return query.first(name).map(String::strip).orElse("");
    }

    private void show(ServerRequest request, ServerResponse response) {
        String name = Params.suite(request);
        Suite suite = context.catalog().require(name);
        Optional<SuiteRun> latest =
                Optional.ofNullable(context.store().latestRuns(List.of(name)).get(name));
        Instant now = context.clock().instant();
        Representation.send(request, response, Status.OK_200, Views.SuiteView.of(suite, latest, now), () -> {
            RunsService.PageOfRuns page = RunsService.PageOfRuns.read(context.store(), name, RunsService.FIRST_PAGE);
            return Pages.suite(new SuiteModel(
                    suite,
                    page.runs(),
                    RunsService.FIRST_PAGE,
                    page.next(),
                    now,
                    RunsService.schedulesOf(context, name),
                    SuiteModel.Trigger.EMPTY,
                    TestsModel.panel(context.stability().recent(name).stream()
                            .map(test -> new TestsModel.Row(name, test))
                            .toList())));
        });
    }
}
