package dev.handoff.engine.internal;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.platform.engine.TestDescriptor;

/**
 * The output of one round, filed by who wrote it: each running test, and each test template or
 * factory with its {@code @BeforeEach}/{@code @AfterEach}, has its own {@link AttemptLog} while it
 * runs; what the suite class's setup and teardown print goes to the suite's setup log. A {@code
 * HandoffContext.log} line written on a thread that is no test's (a pool thread the test handed
 * work to) is filed by the test's unique id. Guarded by the execution's lock.
 */
final class TestOutputs {

    /** A descriptor whose output is being captured: its log, the capture target to restore, its thread, its start. */
    record Capture(AttemptLog log, AttemptLog previousTarget, Thread thread, Instant start) {}

    private final ExecutionState state;
    private final Map<TestDescriptor, Capture> running = new IdentityHashMap<>();
    private AttemptLog targetBeforeSetup;

    TestOutputs(ExecutionState state) {
        this.state = state;
    }

    /** The suite class started: its setup output goes to the setup log. */
    void suiteSetupStarted() {
        targetBeforeSetup = OutputCapture.begin(state.setupLog);
    }

    /** The suite class finished: the thread's output goes where it went before. */
    void suiteTeardownFinished() {
        OutputCapture.restore(targetBeforeSetup);
    }

    /** Starts capturing what {@code d} writes on this thread. */
    void begin(TestDescriptor d) {
        AttemptLog log = new AttemptLog().toConsole(state.settings.outputToConsole());
        running.put(d, new Capture(log, OutputCapture.begin(log), Thread.currentThread(), Instant.now()));
    }

    /** Ends the capture of {@code d}; null when it was not captured. The capture's log is drained and closed. */
    Ended end(TestDescriptor d) {
        Capture capture = running.remove(d);
        if (capture == null) {
            return null;
        }
        OutputCapture.restore(capture.previousTarget());
        String text = capture.log().drain();
        capture.log().close();
        return new Ended(text, capture.start(), Instant.now());
    }

    /** What a finished capture wrote, and when it ran. */
    record Ended(String log, Instant start, Instant end) {}

    /** Adds lines (already stamped) to the running capture of {@code d}, if it still runs. */
    void append(TestDescriptor d, String lines) {
        Capture capture = running.get(d);
        if (capture != null && !lines.isEmpty()) {
            capture.log().addLines(lines);
        }
    }

    /**
     * A {@code HandoffContext.log} line from the test (or class) with this Jupiter id. On the
     * test's own threads the capture target is that test's log; a line from elsewhere is filed by
     * the test's id, and by default under the suite's setup log.
     */
    void log(String jupiterId, String line) {
        AttemptLog target = OutputCapture.current();
        if (target == null || target.isClosed()) {
            synchronized (state) {
                target = running.entrySet().stream()
                        .filter(e -> e.getKey().getUniqueId().toString().equals(jupiterId))
                        .map(e -> e.getValue().log())
                        .findFirst()
                        .orElse(state.setupLog);
            }
        }
        target.add("log", line);
        if (state.settings.logToConsole()) {
            OutputCapture.echo(line);
        }
    }

    void interruptRunningTests() {
        synchronized (state) {
            running.values().forEach(test -> test.thread().interrupt());
        }
    }
}
