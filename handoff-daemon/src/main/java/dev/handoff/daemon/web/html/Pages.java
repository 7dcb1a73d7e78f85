package dev.handoff.daemon.web.html;

import dev.handoff.daemon.run.Attempt;
import dev.handoff.daemon.run.RunDetail;
import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.runner.Suite;
import dev.handoff.daemon.store.RunStore.RunQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API's resources as a browser sees them: one method per page, each taking the domain's
 * records and returning a whole page. The web layer's {@code Representation} chooses between these
 * and JSON, so that handlers stay the same for both; pages render from the run model rather than
 * from the JSON views, which stay free to keep the API's shape.
 */
public final class Pages {

    private Pages() {}

    /** {@code /suites}: every suite with its latest run (by suite name; absent when never run). */
    public static Html suites(List<Suite> suites, Map<String, SuiteRun> latest) {
        return SuitesPage.render(suites, latest);
    }

    /**
     * {@code /suites/{suite}} and {@code /suites/{suite}/runs}: the suite, a form to run it, and a
     * page of its runs.
     *
     * @param query the page's filters, which the page says it applies
     * @param next the following page, when this one is full
     */
    public static Html suite(Suite suite, List<SuiteRun> runs, RunQuery query, Optional<String> next, Instant now) {
        return SuitePage.render(suite, runs, query, next, now);
    }

    /** {@code /suites/{suite}/runs/{run}}; reloads itself while the run is pending or running. */
    public static Html run(RunDetail detail, Instant now) {
        return RunPage.render(detail, now);
    }

    /** {@code /suites/{suite}/runs/{run}/tests/{test}}: every attempt of the test, first first (at least one). */
    public static Html test(RunId id, String test, List<Attempt> attempts) {
        return TestPage.render(id, test, attempts);
    }

    /** A problem: its status, title and detail, under the same status code as the JSON problem. */
    public static Html error(int status, String title, String detail) {
        return ErrorPage.render(status, title, detail);
    }
}
