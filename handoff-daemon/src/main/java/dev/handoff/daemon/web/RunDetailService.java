package dev.handoff.daemon.web;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.Execution;
import dev.handoff.daemon.model.RunDetail;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.UnknownRunException;
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
        handlers.put(Route.GO_TEST, this::goTest);
        return handlers;
    }

    private void show(ServerRequest request, ServerResponse response) {
        RunId id = Params.runId(request);
        RunDetail detail = context.store().detail(id).orElseThrow(() -> new UnknownRunException(id));
        Instant now = context.clock().instant();
        response.header(HeaderNames.VARY, "Accept");
        if (Representation.prefersHtml(request)) {
            Representation.page(response, Status.OK_200, Pages.run(new RunModel(detail, now, context.traceLinks())));
        } else {
            json.send(request, response, detail, now);
        }
    }

    private void test(ServerRequest request, ServerResponse response) {
        RunId id = Params.runId(request);
        String test = request.path().pathParameters().get("test");
        List<Attempt> attempts = attempts(id, test);
        Representation.send(
                request,
                response,
                Status.OK_200,
                Views.TestView.of(id, test, attempts, context.traceLinks()),
                () -> Pages.test(testModel(id, test, attempts)));
    }

    private TestModel testModel(RunId id, String test, List<Attempt> attempts) {
        List<Execution> executions =
                context.store().detail(id).map(RunDetail::executions).orElse(List.of());
        return new TestModel(id, test, attempts, executions, context.traceLinks());
    }

    /**
     * The Go project's {@code GET .../test/{test}}: the same attempts as an array in the shape of
     * its client's {@code TestRun} ({@code attempt}, {@code logs}, {@code softFailure}, {@code
     * context}, ...), which its {@code GetTestRun} decodes.
     */
    private void goTest(ServerRequest request, ServerResponse response) {
        RunId id = Params.runId(request);
        String test = request.path().pathParameters().get("test");
        List<Attempt> attempts = attempts(id, test);
        Representation.send(
                request,
                response,
                Status.OK_200,
                GoViews.testRuns(id, attempts),
                () -> Pages.test(testModel(id, test, attempts)));
    }

    /** A run that exists but has no such test is a 404 of its own, so that the message says which is missing. */
    private List<Attempt> attempts(RunId id, String test) {
        List<Attempt> attempts = context.store().attempts(id, test);
        if (attempts.isEmpty()) {
            if (context.store().find(id).isEmpty()) {
                throw new UnknownRunException(id);
            }
            throw new ProblemException(
                    Status.NOT_FOUND_404,
                    "run %d of suite '%s' has no test '%s'".formatted(id.number(), id.suite(), test));
        }
        return attempts;
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
