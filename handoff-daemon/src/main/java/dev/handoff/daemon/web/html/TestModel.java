package dev.handoff.daemon.web.html;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.Span;
import dev.handoff.daemon.model.TraceLinks;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A test's page in a run ({@code /suites/{suite}/runs/{run}/tests/{test}}): every attempt, first first. */
public record TestModel(RunId id, String test, List<Attempt> attempts, TraceLinks links) {

    public TestModel(RunId id, String test, List<Attempt> attempts) {
        this(id, test, attempts, TraceLinks.NONE);
    }

    /** The link to the attempt's trace ({@code --trace-url}); empty without a template or a trace id. */
    public Optional<String> traceUrl(Attempt attempt) {
        return links.trace(id.suite(), attempt).map(Object::toString);
    }

    /** The link to the logs of the attempt's trace ({@code --logs-url}). */
    public Optional<String> logsUrl(Attempt attempt) {
        return links.logs(id.suite(), attempt).map(Object::toString);
    }

    /** A span with how deep it is nested, for the spans table's indentation. */
    public record SpanRow(Span span, int depth, Duration duration) {}

    public Attempt last() {
        return attempts.getLast();
    }

    public static Map<String, String> sorted(Map<String, String> map) {
        return new TreeMap<>(map);
    }

    /** Spans in the order the test started them, each with how many spans enclose it. */
    public static List<SpanRow> spans(List<Span> spans) {
        Map<String, Span> byId = new HashMap<>();
        spans.forEach(span -> byId.put(span.id(), span));
        return spans.stream()
                .map(span -> new SpanRow(span, depth(span, byId), Duration.between(span.start(), span.end())))
                .toList();
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
}
