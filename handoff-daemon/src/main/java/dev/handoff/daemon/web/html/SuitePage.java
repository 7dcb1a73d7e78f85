package dev.handoff.daemon.web.html;

import dev.handoff.daemon.web.Paths;
import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.runner.Suite;
import dev.handoff.daemon.store.RunStore.RunQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /suites/{suite}} and {@code /suites/{suite}/runs}: what the suite is, a form to trigger
 * it, and a page of its runs, newest first. It does not reload itself: that would wipe what the
 * reader is typing into the form.
 */
final class SuitePage {

    private SuitePage() {}

    static Html render(Suite suite, List<SuiteRun> runs, RunQuery query, Optional<String> next, Instant now) {
        return Layout.page(suite.name(), List.of(Layout.link(Paths.SUITES, "Suites")), Html.of("""
                <h1>{}</h1>
                {}{}<h2>Run it</h2>
                {}<h2>Runs</h2>
                {}{}{}""", suite.name(), description(suite), facts(suite), trigger(suite), filtered(suite, query),
                runs.isEmpty() ? Html.of("<p class=\"muted\">No runs yet.</p>\n") : table(runs, now),
                next.map(href -> Html.of("<p>{}</p>\n", Layout.link(href, "Older runs"))).orElse(Html.EMPTY)), false);
    }

    /** Plain text for now: Markdown comes with the full UI. */
    private static Html description(Suite suite) {
        return suite.description().isBlank() ? Html.EMPTY : Html.of("<p class=\"description\">{}</p>\n", suite.description());
    }

    private static Html facts(Suite suite) {
        return Html.of("""
                <table class="facts">
                <tr><th>Namespace</th><td>{}</td></tr>
                <tr><th>Class</th><td><code>{}</code></td></tr>
                <tr><th>Labels</th><td>{}</td></tr>
                <tr><th>Tests</th><td>{}: {}</td></tr>
                <tr><th>Attempts per test</th><td>up to {}</td></tr>
                <tr><th>Timeout</th><td>{}</td></tr>
                </table>
                """, suite.namespace().isEmpty() ? Layout.muted("none") : suite.namespace(), suite.className(),
                suite.labels().isEmpty() ? Layout.muted("none") : SuitesPage.labels(suite.labels()), suite.tests().size(),
                String.join(", ", suite.tests()), suite.maxAttempts(),
                suite.timeout().map(Format::duration).orElse("none"));
    }

    /** Empty inputs count as absent: the run then takes every test, and no ref. */
    private static Html trigger(Suite suite) {
        return Html.of("""
                <form class="trigger" method="post" action="{}">
                <label>Filter <input name="filter" placeholder="regular expression over test names"></label>
                <label>Ref <input name="ref" placeholder="commit SHA or version"></label>
                <button type="submit">Run</button>
                </form>
                """, Paths.runs(suite.name()));
    }

    private static Html filtered(Suite suite, RunQuery query) {
        List<String> filters = new ArrayList<>();
        query.result().ifPresent(result -> filters.add("result " + result.label()));
        query.ref().ifPresent(ref -> filters.add("ref " + ref));
        query.before().ifPresent(before -> filters.add("numbers below " + before));
        if (filters.isEmpty()) {
            return Html.EMPTY;
        }
        return Html.of("<p class=\"muted\">Runs with {} · {}</p>\n", String.join(", ", filters),
                Layout.link(Paths.runs(suite.name()), "all runs"));
    }

    private static Html table(List<SuiteRun> runs, Instant now) {
        return Html.of("""
                <table>
                <thead><tr><th>Result</th><th>Run</th><th>Ref</th><th>Initiated by</th><th>Created</th><th>Duration</th><th>Tests</th></tr></thead>
                <tbody>
                {}</tbody>
                </table>
                """, Html.join(runs.stream().map(run -> row(run, now)).toList()));
    }

    private static Html row(SuiteRun run, Instant now) {
        return Html.of("""
                <tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>
                """, Layout.result(run.result().label()), Layout.link(Paths.run(run.id()), "#" + run.id().number()),
                run.request().ref().orElse(""), run.request().initiatedBy(), Layout.time(run.createdAt()),
                run.duration(now).map(Format::duration).orElse(""), Format.counts(run));
    }
}
