package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Keys of the report entries the {@code handoff} engine publishes to platform listeners ({@code
 * TestExecutionListener#reportingEntryPublished}). A listener such as the daemon's recorder reads
 * attempts, logs, spans and values from them. (Surefire ignores report entries; log lines are
 * also written to the console, so its reports show them with the test's output.)
 *
 * <p>Every test attempt that started ends with one entry holding {@link #SUITE}, {@link #TEST},
 * {@link #ATTEMPT}, {@link #MAX_ATTEMPTS} and {@link #RESULT} (plus {@link #FLAKY} when it
 * applies), published just before the attempt finishes. A test that never started (skipped by a
 * filter, {@code @Disabled} or a failed setup) has only its skip event and reason: the platform
 * allows report entries on started tests only. Log lines are published as one {@link #LOG} entry
 * per attempt, each line as {@code <ISO instant> <stream> <text>} where stream is {@code log},
 * {@code stdout} or {@code stderr}. Suite setup and teardown publish theirs on the suite.
 *
 * <p>A test with invocations ({@code @ParameterizedTest}, {@code @RepeatedTest}, {@code
 * @TestFactory}, other templates) publishes, on its attempt, one {@link #INVOCATION} entry per
 * invocation as each ends ({@link #INVOCATION_RESULT}, {@link #INVOCATION_START}, {@link
 * #INVOCATION_END}, {@link #INVOCATION_FAILURE} when it did not pass, {@link #INVOCATION_LOG} when
 * it wrote lines); the attempt's own {@link #LOG} holds its lines and its invocations' in order.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class HandoffReportEntries {

    /** The suite's name. */
    public static final String SUITE = "handoff.suite";
    /** The test's name, as {@link HandoffContext#testName()}. */
    public static final String TEST = "handoff.test";
    /** The attempt number, from 1. */
    public static final String ATTEMPT = "handoff.attempt";
    /** The test's maximum number of attempts. */
    public static final String MAX_ATTEMPTS = "handoff.maxAttempts";
    /** The attempt's result: {@code passed}, {@code failed}, {@code soft-failed}, {@code retrying} or {@code skipped}. */
    public static final String RESULT = "handoff.result";
    /** {@code "true"} on a passed attempt that followed a failed one. */
    public static final String FLAKY = "handoff.flaky";
    /**
     * The attempt's trace id (32 hex digits), on the attempt's summary entry when the attempt ran
     * inside a trace (see {@link HandoffContext#traceHeaders()}).
     */
    public static final String TRACE_ID = "handoff.traceId";
    /** The id of the attempt's own span (16 hex digits), next to {@link #TRACE_ID}. */
    public static final String TRACE_SPAN_ID = "handoff.traceSpanId";
    /** The attempt's log lines (see the class description). */
    public static final String LOG = "handoff.log";
    /** An invocation's display name ({@code [2] value=b}; inside dynamic containers, their names joined by {@code " / "}). */
    public static final String INVOCATION = "handoff.invocation";
    /** The invocation's result: {@code passed}, {@code failed} or {@code skipped} (aborted). */
    public static final String INVOCATION_RESULT = "handoff.invocation.result";
    /** ISO-8601 instant the invocation started. */
    public static final String INVOCATION_START = "handoff.invocation.start";
    /** ISO-8601 instant the invocation ended. */
    public static final String INVOCATION_END = "handoff.invocation.end";
    /** Why the invocation failed or was skipped: its exception's message. */
    public static final String INVOCATION_FAILURE = "handoff.invocation.failure";
    /** The invocation's own log lines, in the form of {@link #LOG}. */
    public static final String INVOCATION_LOG = "handoff.invocation.log";
    /** {@code "true"} once {@link HandoffContext#softFailure()} was called in the attempt. */
    public static final String SOFT_FAILURE = "handoff.softFailure";
    /** Prefix of context values: {@code handoff.value.KEY}. */
    public static final String VALUE_PREFIX = "handoff.value.";
    /** A finished span's name; the same entry holds the keys below. */
    public static final String SPAN = "handoff.span";
    /** The span's id, unique within the attempt. */
    public static final String SPAN_ID = "handoff.span.id";
    /** The enclosing span's id, when the span was started inside another. */
    public static final String SPAN_PARENT = "handoff.span.parent";
    /** ISO-8601 instant the span started. */
    public static final String SPAN_START = "handoff.span.start";
    /** ISO-8601 instant the span ended. */
    public static final String SPAN_END = "handoff.span.end";
    /** Prefix of span attributes: {@code handoff.span.attr.KEY}. */
    public static final String SPAN_ATTRIBUTE_PREFIX = "handoff.span.attr.";

    private HandoffReportEntries() {}
}
