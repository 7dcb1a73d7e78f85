package dev.handoff.api.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the {@code handoff} engine tells the Jupiter side about the attempt it is executing. The
 * engine puts one instance into the request-level store of each Jupiter execution it starts (one
 * per attempt round); {@link HandoffContextExtension} reads it. Absent when a suite class runs
 * under plain Jupiter, in which case every test is on attempt 1.
 */
@API(status = INTERNAL, since = "0.1")
public final class SuiteRunState {

    /** The store namespace's single part, shared by the engine and the extension. */
    public static final String NAMESPACE = "dev.handoff";

    /** The key under which the engine stores the state. */
    public static final String KEY = "suite-run-state";

    /** Until a suite is first stopped in this JVM, tests need not look up their state to start. */
    private static volatile boolean anyStopped;

    private final int attempt;
    private volatile String stopReason;
    private volatile BiConsumer<String, String> logSink;
    private volatile Function<String, TraceHandle> traces = id -> null;

    public SuiteRunState(int attempt) {
        this.attempt = attempt;
    }

    /** The attempt every test of this execution is on. */
    public int attempt() {
        return attempt;
    }

    /** Why tests that have not started yet must not start (the suite timeout), or null. */
    public String stopReason() {
        return stopReason;
    }

    /** Stops tests that have not started yet; they are reported with {@code reason}. */
    public void stop(String reason) {
        this.stopReason = reason;
        anyStopped = true;
    }

    /** False while no suite was ever stopped in this JVM: then no test needs to check. */
    static boolean anyStopped() {
        return anyStopped;
    }

    /**
     * Where {@code HandoffContext.log} lines go: the engine files them under the attempt (or the
     * suite's setup log) of the Jupiter descriptor with the given unique id, in order with what
     * the test prints.
     */
    public void logTo(BiConsumer<String, String> sink) {
        this.logSink = sink;
    }

    /** Hands a log line to the engine; false when no engine listens. */
    boolean log(String uniqueId, String line) {
        BiConsumer<String, String> sink = logSink;
        if (sink == null) {
            return false;
        }
        sink.accept(uniqueId, line);
        return true;
    }

    /**
     * Where a context finds its span: the engine answers, for the unique id of a Jupiter
     * descriptor, the span of the attempt it belongs to (the run's span for suite setup), or null
     * when nothing is traced.
     */
    public void traceWith(Function<String, TraceHandle> traces) {
        this.traces = traces;
    }

    /** The span of the attempt (or suite setup) of the descriptor with the given unique id; null when untraced. */
    TraceHandle trace(String uniqueId) {
        return traces.apply(uniqueId);
    }

    /** The state of the current execution, or null outside the {@code handoff} engine. */
    static SuiteRunState of(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(
                ExtensionContext.StoreScope.EXECUTION_REQUEST, ExtensionContext.Namespace.create(NAMESPACE));
        return store.get(KEY, SuiteRunState.class);
    }
}
