package dev.handoff.api.internal;

import static dev.handoff.api.HandoffReportEntries.LOG;
import static dev.handoff.api.HandoffReportEntries.SOFT_FAILURE;
import static dev.handoff.api.HandoffReportEntries.SPAN;
import static dev.handoff.api.HandoffReportEntries.SPAN_ATTRIBUTE_PREFIX;
import static dev.handoff.api.HandoffReportEntries.SPAN_END;
import static dev.handoff.api.HandoffReportEntries.SPAN_ID;
import static dev.handoff.api.HandoffReportEntries.SPAN_PARENT;
import static dev.handoff.api.HandoffReportEntries.SPAN_START;
import static dev.handoff.api.HandoffReportEntries.VALUE_PREFIX;

import dev.handoff.api.HandoffContext;
import dev.handoff.api.Span;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The context of one attempt (or, at class level, of the suite run). Everything it records is
 * published as report entries on the test, which the engine turns into attempt data.
 */
final class DefaultHandoffContext implements HandoffContext {

    private final ExtensionContext extensionContext;
    private final SuiteRunState state;
    private final int attempt;
    private final String suiteName;
    private final String testName;
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final AtomicInteger spanIds = new AtomicInteger();
    private final Deque<RecordingSpan> openSpans = new ArrayDeque<>();

    DefaultHandoffContext(ExtensionContext extensionContext, SuiteRunState state) {
        this.extensionContext = extensionContext;
        this.state = state;
        this.attempt = state == null ? 1 : state.attempt();
        Class<?> testClass = extensionContext.getRequiredTestClass();
        this.suiteName = TestNames.suiteName(testClass);
        this.testName = extensionContext
                .getTestMethod()
                .map(m -> TestNames.testName(testClass, m))
                .orElse("");
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public String suiteName() {
        return suiteName;
    }

    @Override
    public String testName() {
        return testName;
    }

    @Override
    public long runNumber() {
        return extensionContext
                .getConfigurationParameter("handoff.run.number")
                .map(String::trim)
                .map(Long::parseLong)
                .orElse(0L);
    }

    @Override
    public void log(String format, Object... args) {
        String line = args == null || args.length == 0 ? String.valueOf(format) : String.format(format, args);
        if (state == null || !state.log(extensionContext.getUniqueId(), line)) {
            extensionContext.publishReportEntry(LOG, reportable(line));
        }
    }

    @Override
    public void softFailure() {
        extensionContext.publishReportEntry(SOFT_FAILURE, "true");
    }

    @Override
    public void setValue(String key, Object value) {
        requireName(key, "value key");
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
        extensionContext.publishReportEntry(VALUE_PREFIX + key, reportable(String.valueOf(value)));
    }

    @Override
    public Optional<Object> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public Span startSpan(String name, Object... keyValues) {
        requireName(name, "span name");
        if (keyValues != null && keyValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "span '" + name + "': keyValues must come in pairs, got " + keyValues.length + " items");
        }
        RecordingSpan span = new RecordingSpan(name);
        if (keyValues != null) {
            for (int i = 0; i < keyValues.length; i += 2) {
                if (!(keyValues[i] instanceof String key)) {
                    throw new IllegalArgumentException(
                            "span '" + name + "': key at position " + i + " is not a string: " + keyValues[i]);
                }
                span.put(key, keyValues[i + 1]);
            }
        }
        return span;
    }

    @Override
    public Map<String, String> traceHeaders() {
        TraceHandle current = currentTrace();
        return current == null ? Map.of() : current.headers();
    }

    @Override
    public Optional<String> traceId() {
        return Optional.ofNullable(attemptTrace()).map(TraceHandle::traceId);
    }

    /** The attempt's span (the run's for suite setup), looked up each time: a retry's attempt has its own. */
    private TraceHandle attemptTrace() {
        return state == null ? null : state.trace(extensionContext.getUniqueId());
    }

    /** The innermost open span's trace, else the attempt's. */
    private TraceHandle currentTrace() {
        synchronized (openSpans) {
            for (RecordingSpan open : openSpans) {
                if (open.trace != null) {
                    return open.trace;
                }
            }
        }
        return attemptTrace();
    }

    @Override
    public Optional<String> parameter(String key) {
        return extensionContext.getConfigurationParameter("handoff.param." + key);
    }

    /** Report entries cannot hold blank values: a blank value is published as {@code ""}. */
    private static String reportable(String value) {
        return value.isBlank() ? "\"" + value + "\"" : value;
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return name;
    }

    private final class RecordingSpan implements Span {
        private final String name;
        private final int id = spanIds.incrementAndGet();
        private final Integer parent;
        private final Instant start = Instant.now();
        private final Map<String, String> attributes = new LinkedHashMap<>();
        /** The same span in the attempt's trace (exported when an exporter is set up); null when untraced. */
        private final TraceHandle trace;

        private boolean ended;

        RecordingSpan(String name) {
            this.name = name;
            synchronized (openSpans) {
                RecordingSpan enclosing = openSpans.peek();
                this.parent = enclosing == null ? null : enclosing.id;
                TraceHandle parentTrace =
                        enclosing != null && enclosing.trace != null ? enclosing.trace : attemptTrace();
                this.trace = parentTrace == null ? null : parentTrace.startChild(name);
                openSpans.push(this);
            }
        }

        @Override
        public synchronized Span put(String key, Object value) {
            attributes.put(requireName(key, "span attribute key"), reportable(String.valueOf(value)));
            if (trace != null) {
                trace.put(key, value);
            }
            return this;
        }

        @Override
        public void end() {
            Map<String, String> entry = new LinkedHashMap<>();
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                entry.put(SPAN, name);
                entry.put(SPAN_ID, Integer.toString(id));
                if (parent != null) {
                    entry.put(SPAN_PARENT, parent.toString());
                }
                entry.put(SPAN_START, start.toString());
                entry.put(SPAN_END, Instant.now().toString());
                attributes.forEach((k, v) -> entry.put(SPAN_ATTRIBUTE_PREFIX + k, v));
            }
            synchronized (openSpans) {
                openSpans.remove(this);
            }
            if (trace != null) {
                trace.end();
            }
            extensionContext.publishReportEntry(entry);
        }
    }
}
