package dev.handoff.daemon.web.html;

import dev.handoff.daemon.web.Paths;
import dev.handoff.daemon.run.Attempt;
import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.run.Span;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /suites/{suite}/runs/{run}/tests/{test}}: every attempt of one test, first first, each
 * with its failure, log, spans and values.
 */
final class TestPage {

    private TestPage() {}

    static Html render(RunId id, String test, List<Attempt> attempts) {
        return Layout.page(test + " · " + id.suite() + " run #" + id.number(),
                List.of(Layout.link(Paths.SUITES, "Suites"), Layout.link(Paths.suite(id.suite()), id.suite()),
                        Layout.link(Paths.run(id), "run #" + id.number())),
                Html.of("""
                        <h1>{} {}</h1>
                        {}""", test, Layout.result(attempts.getLast().result().label()),
                        Html.join(attempts.stream().map(TestPage::attempt).toList())),
                false);
    }

    private static Html attempt(Attempt attempt) {
        return Html.of("""
                <section class="attempt">
                <h2>Attempt {} of {} {}</h2>
                <p class="muted">{} · started {} · finished {}{}</p>
                {}{}{}{}</section>
                """, attempt.number(), attempt.maxAttempts(), Layout.result(attempt.result().label()),
                Format.duration(attempt.duration()), Layout.time(attempt.startedAt()), Layout.time(attempt.finishedAt()),
                notes(attempt), attempt.failure().map(FailureHtml::of).orElse(Html.EMPTY), log(attempt.log()),
                spans(attempt.spans()), values(attempt.values()));
    }

    private static String notes(Attempt attempt) {
        String notes = "";
        if (attempt.soft()) {
            notes += " · soft failure: does not fail the run";
        }
        if (attempt.flaky()) {
            notes += " · flaky: passed after a failed attempt";
        }
        return notes;
    }

    private static Html log(String log) {
        return log.isEmpty() ? Html.EMPTY : Html.of("""
                <h3>Log</h3>
                <pre>{}</pre>
                """, log);
    }

    /** Spans in the order the test started them, each indented under the span it was started in. */
    private static Html spans(List<Span> spans) {
        if (spans.isEmpty()) {
            return Html.EMPTY;
        }
        Map<String, Span> byId = new HashMap<>();
        spans.forEach(span -> byId.put(span.id(), span));
        return Html.of("""
                <h3>Spans</h3>
                <table>
                <thead><tr><th>Span</th><th>Duration</th><th>Attributes</th></tr></thead>
                <tbody>
                {}</tbody>
                </table>
                """, Html.join(spans.stream().map(span -> span(span, depth(span, byId))).toList()));
    }

    private static Html span(Span span, int depth) {
        return Html.of("""
                <tr><td style="padding-left: {}px">{}</td><td>{}</td><td>{}</td></tr>
                """, 8 + depth * 20, span.name(), Format.duration(Duration.between(span.start(), span.end())),
                Format.entries(span.attributes()));
    }

    /** How many enclosing spans it has; a parent that is missing (or a cycle) ends the count. */
    private static int depth(Span span, Map<String, Span> byId) {
        int depth = 0;
        Optional<String> parent = span.parent();
        while (parent.isPresent() && byId.containsKey(parent.get()) && depth < byId.size()) {
            depth++;
            parent = byId.get(parent.get()).parent();
        }
        return depth;
    }

    private static Html values(Map<String, String> values) {
        if (values.isEmpty()) {
            return Html.EMPTY;
        }
        return Html.of("""
                <h3>Values</h3>
                <table>
                <thead><tr><th>Name</th><th>Value</th></tr></thead>
                <tbody>
                {}</tbody>
                </table>
                """, Html.join(values.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(value -> Html.of("<tr><td>{}</td><td>{}</td></tr>\n", value.getKey(), value.getValue()))
                .toList()));
    }
}
