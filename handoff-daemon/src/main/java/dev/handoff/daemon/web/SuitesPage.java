package dev.handoff.daemon.web;

import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.runner.Suite;
import java.util.List;
import java.util.Optional;

/** {@code /suites}: every suite with its last run and a button to run it. */
final class SuitesPage {

    /** A suite and its most recent run, if any. */
    record Row(Suite suite, Optional<SuiteRun> lastRun) {}

    private SuitesPage() {}

    /** Reloads itself while a listed run is in progress, so the demo's first runs show up by themselves. */
    static Html render(List<Row> rows) {
        boolean inProgress = rows.stream().anyMatch(row -> row.lastRun().filter(run -> !run.result().isFinished()).isPresent());
        return Layout.page("Suites", Html.of("""
                <h1>Suites</h1>
                {}""", rows.isEmpty() ? noSuites() : table(rows)), inProgress);
    }

    private static Html noSuites() {
        return new Html("<p>No suites found: suites are <code>@HandoffSuite</code> classes on the daemon's classpath.</p>\n");
    }

    private static Html table(List<Row> rows) {
        return Html.of("""
                <table>
                <thead><tr><th>Suite</th><th>Namespace</th><th>Tests</th><th>Last run</th><th></th></tr></thead>
                <tbody>
                {}</tbody>
                </table>
                """, Html.join(rows.stream().map(SuitesPage::row).toList()));
    }

    private static Html row(Row row) {
        Suite suite = row.suite();
        return Html.of("""
                <tr>
                <td><strong>{}</strong><div class="muted">{}</div>{}</td>
                <td>{}</td>
                <td>{}</td>
                <td>{}</td>
                <td><form method="post" action="{}"><button type="submit">Run</button></form></td>
                </tr>
                """, suite.name(), suite.className(), description(suite), suite.namespace(), suite.tests(),
                row.lastRun().map(SuitesPage::lastRun).orElse(new Html("<span class=\"muted\">never run</span>")),
                Paths.runs(suite.name()));
    }

    private static Html description(Suite suite) {
        return suite.description().isBlank() ? Html.EMPTY : Html.of("<div>{}</div>", suite.description());
    }

    private static Html lastRun(SuiteRun run) {
        return Html.of("<a href=\"{}\">#{}</a> {}", Paths.run(run.id()), run.id().number(), Layout.status(run.result().label()));
    }
}
