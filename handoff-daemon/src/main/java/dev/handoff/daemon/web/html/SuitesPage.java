package dev.handoff.daemon.web.html;

import dev.handoff.daemon.web.Paths;
import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.runner.Suite;
import java.util.List;
import java.util.Map;

/** {@code /suites}: every suite with its latest run and a button to run it. */
final class SuitesPage {

    private SuitesPage() {}

    /** Reloads itself while a latest run is in progress, so that runs just started finish on screen. */
    static Html render(List<Suite> suites, Map<String, SuiteRun> latest) {
        boolean inProgress = latest.values().stream().anyMatch(run -> !run.result().isFinished());
        return Layout.page("Suites", List.of(), Html.of("""
                <h1>Suites</h1>
                {}""", suites.isEmpty() ? noSuites() : table(suites, latest)), inProgress);
    }

    private static Html noSuites() {
        return Html.of("<p>No suites found: suites are <code>@HandoffSuite</code> classes on the daemon's classpath.</p>\n");
    }

    private static Html table(List<Suite> suites, Map<String, SuiteRun> latest) {
        return Html.of("""
                <table>
                <thead><tr><th>Suite</th><th>Namespace</th><th>Labels</th><th>Tests</th><th>Latest run</th><th></th></tr></thead>
                <tbody>
                {}</tbody>
                </table>
                """, Html.join(suites.stream().map(suite -> row(suite, latest.get(suite.name()))).toList()));
    }

    private static Html row(Suite suite, SuiteRun latest) {
        return Html.of("""
                <tr>
                <td>{}</td>
                <td>{}</td>
                <td>{}</td>
                <td>{}</td>
                <td>{}</td>
                <td>{}</td>
                </tr>
                """, Layout.link(Paths.suite(suite.name()), suite.name()), suite.namespace(), labels(suite.labels()),
                suite.tests().size(), latest == null ? Layout.muted("never run") : latestRun(latest),
                Layout.button(Paths.runs(suite.name()), "Run"));
    }

    static Html labels(List<String> labels) {
        return Html.join(labels.stream().map(label -> Html.of("<span class=\"label\">{}</span>", label)).toList());
    }

    private static Html latestRun(SuiteRun run) {
        return Html.of("{} {} {}", Layout.result(run.result().label()), Layout.link(Paths.run(run.id()), "#" + run.id().number()),
                Layout.time(run.createdAt()));
    }
}
