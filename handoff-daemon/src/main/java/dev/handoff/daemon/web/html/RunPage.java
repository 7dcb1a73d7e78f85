package dev.handoff.daemon.web.html;

import dev.handoff.daemon.web.Paths;
import dev.handoff.daemon.run.AttemptResult;
import dev.handoff.daemon.run.Failure;
import dev.handoff.daemon.run.RunDetail;
import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.run.TestSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /suites/{suite}/runs/{run}}: a run's result and request, where and when it ran, why the
 * suite itself failed, the setup log, and each test's latest attempt. Reloads itself while the run
 * is pending or running.
 */
final class RunPage {

    private RunPage() {}

    static Html render(RunDetail detail, Instant now) {
        SuiteRun run = detail.run();
        RunId id = run.id();
        String title = id.suite() + " run #" + id.number();
        return Layout.page(title, List.of(Layout.link(Paths.SUITES, "Suites"), Layout.link(Paths.suite(id.suite()), id.suite())),
                Html.of("""
                        <h1>{} run #{} {}</h1>
                        {}{}{}{}<h2>Tests</h2>
                        {}""", id.suite(), id.number(), Layout.result(run.result().label()), actions(detail), facts(run, now),
                        run.failure().map(RunPage::failure).orElse(Html.EMPTY), setupLog(detail.setupLog()), tests(detail)),
                !run.result().isFinished());
    }

    /**
     * Cancel while the run is in progress; retry once it finished with a failed or skipped test,
     * which is when the runner takes a retry.
     */
    private static Html actions(RunDetail detail) {
        SuiteRun run = detail.run();
        List<Html> actions = new ArrayList<>();
        if (!run.result().isFinished()) {
            actions.add(Layout.button(Paths.cancel(run.id()), "Cancel"));
        } else if (detail.tests().stream().anyMatch(RunPage::retryable)) {
            actions.add(Layout.button(Paths.retry(run.id()), "Retry failed tests"));
        }
        actions.add(Layout.link(Paths.junitXml(run.id()), "JUnit XML"));
        return Html.of("<div class=\"actions\">{}</div>\n", Html.join(actions));
    }

    private static boolean retryable(TestSummary test) {
        AttemptResult result = test.latest().result();
        return result == AttemptResult.FAILED || result == AttemptResult.SKIPPED;
    }

    private static Html facts(SuiteRun run, Instant now) {
        return Html.of("""
                <table class="facts">
                <tr><th>Result</th><td>{}</td></tr>
                <tr><th>Tests</th><td>{}</td></tr>
                <tr><th>Filter</th><td>{}</td></tr>
                <tr><th>Ref</th><td>{}</td></tr>
                <tr><th>Parameters</th><td>{}</td></tr>
                <tr><th>Initiated by</th><td>{}</td></tr>
                <tr><th>Environment</th><td>{}</td></tr>
                <tr><th>Execution</th><td>{}</td></tr>
                <tr><th>Created</th><td>{}</td></tr>
                <tr><th>Started</th><td>{}</td></tr>
                <tr><th>Finished</th><td>{}</td></tr>
                <tr><th>Duration</th><td>{}</td></tr>
                </table>
                """, Layout.result(run.result().label()), Format.counts(run),
                run.request().filter().<Object>map(filter -> Html.of("<code>{}</code>", filter)).orElse(Layout.muted("every test")),
                run.request().ref().<Object>map(ref -> ref).orElse(Layout.muted("none")),
                run.request().parameters().isEmpty() ? Layout.muted("none") : Format.entries(run.request().parameters()),
                run.request().initiatedBy(),
                run.environment().isBlank() ? Layout.muted("none") : run.environment(), execution(run.execution()), Layout.time(run.createdAt()),
                run.startedAt().map(Layout::time).orElse(Layout.muted("not yet")),
                run.finishedAt().map(Layout::time).orElse(Layout.muted("not yet")),
                run.duration(now).map(Format::duration).orElse(""));
    }

    private static String execution(int execution) {
        return execution == 0 ? "first" : "retry " + execution;
    }

    /** Why the suite itself failed (setup, teardown, timeout) or was cancelled. */
    private static Html failure(Failure failure) {
        return Html.of("""
                <h2>Suite failure</h2>
                {}""", FailureHtml.of(failure));
    }

    private static Html setupLog(String log) {
        return log.isEmpty() ? Html.EMPTY : Html.of("""
                <h2>Setup and teardown log</h2>
                <pre>{}</pre>
                """, log);
    }

    private static Html tests(RunDetail detail) {
        if (detail.tests().isEmpty()) {
            return Html.of("<p class=\"muted\">{}</p>\n", switch (detail.run().result()) {
                case PENDING -> "Waiting for its turn.";
                case RUNNING -> "No test has finished yet.";
                default -> "No tests ran.";
            });
        }
        RunId id = detail.run().id();
        return Html.of("""
                <table>
                <thead><tr><th>Test</th><th>Result</th><th>Attempts</th><th>Duration</th><th>Failure</th></tr></thead>
                <tbody>
                {}</tbody>
                </table>
                """, Html.join(detail.tests().stream().map(test -> test(id, test)).toList()));
    }

    private static Html test(RunId id, TestSummary test) {
        return Html.of("""
                <tr><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>
                """, Layout.link(Paths.test(id, test.test()), test.test()), Layout.result(test.latest().result().label()),
                test.flaky() ? Html.of(" {}", Layout.result("flaky")) : Html.EMPTY, test.attempts(),
                Format.duration(test.latest().duration()),
                test.latest().failure().<Object>map(failure -> Html.of("<div class=\"message\">{}</div>", failure.message()))
                        .orElse(Html.EMPTY));
    }
}
