package dev.handoff.daemon.web;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.RunDetail;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.TestOutcomes;
import dev.handoff.daemon.model.UnknownRunException;
import dev.handoff.daemon.web.html.HistoryModel;
import dev.handoff.daemon.web.html.Pages;
import dev.handoff.daemon.web.html.RunModel;
import dev.handoff.daemon.web.html.TestModel;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run: its tests, every attempt of one test, and its JUnit XML report. */
final class RunDetailService implements ApiService {

    private static final HttpMediaType XML =
            HttpMediaType.create("application/xml").withCharset(StandardCharsets.UTF_8);

    /** How many of a suite's newest runs a test's history looks at. */
    static final int HISTORY_RUNS = 50;

    private final ApiContext context;
    private final FinishedRunJson json = new FinishedRunJson();

    RunDetailService(ApiContext context) {
        this.context = context;
    }

    @Override
    public Map<Route, Handler> handlers() {
        Map<Route, Handler> handlers = new LinkedHashMap<>();
        handlers.put(Route.RUN, this::show);
        handlers.put(Route.JUNIT_XML, this::junitXml);
        handlers.put(Route.TEST, this::test);
        handlers.put(Route.TEST_HISTORY, this::history);
        return handlers;
    }

    private void show(ServerRequest request, ServerResponse response) {
        RunId id = Params.runId(request);
        RunDetail detail = context.store().detail(id).orElseThrow(() -> new UnknownRunException(id));
        Instant now = context.clock().instant();
        response.header(HeaderNames.VARY, "Accept");
        if (Representation.prefersHtml(request)) {
            Representation.page(response, Status.OK_200, Pages.run(new RunModel(detail, now)));
        } else {
            json.send(request, response, detail, now);
        }
    }

    /** A run that exists but has no such test is a 404 of its own, so that the message says which is missing. */
    private void test(ServerRequest request, ServerResponse response) {
        RunId id = Params.runId(request);
        String test = request.path().pathParameters().get("test");
        List<Attempt> attempts = context.store().attempts(id, test);
        if (attempts.isEmpty()) {
            if (context.store().find(id).isEmpty()) {
                throw new UnknownRunException(id);
            }
            throw new ProblemException(
                    Status.NOT_FOUND_404,
                    "run %d of suite '%s' has no test '%s'".formatted(id.number(), id.suite(), test));
        }
        Representation.send(
                request,
                response,
                Status.OK_200,
                Views.TestView.of(id, test, attempts),
                () -> Pages.test(new TestModel(id, test, attempts)));
    }

    /**
     * A test's outcome in each of the suite's last {@value #HISTORY_RUNS} runs that ran it. A
     * test the suite does not have (any more) still has its history, as long as runs have it.
     */
    private void history(ServerRequest request, ServerResponse response) {
        String suite = Params.suite(request);
        String test = request.path().pathParameters().get("test");
        TestOutcomes history = context.store().testHistory(suite, test, HISTORY_RUNS);
        if (history.outcomes().isEmpty() && context.catalog().find(suite).isEmpty()) {
            context.catalog().require(suite);
        }
        HistoryModel model = new HistoryModel(suite, test, history);
        Representation.send(
                request, response, Status.OK_200, Views.TestHistoryView.of(model), () -> Pages.history(model));
    }

    /** The report is a file to download rather than a resource of the API: XML whatever the request accepts. */
    private void junitXml(ServerRequest request, ServerResponse response) {
        RunId id = Params.runId(request);
        String xml = context.junitXml().apply(id).orElseThrow(() -> new UnknownRunException(id));
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.headers().contentType(XML);
        response.send(xml.getBytes(StandardCharsets.UTF_8));
    }
}
