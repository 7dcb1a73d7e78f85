package dev.handoff.daemon.report;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.SuiteRun;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One testcase of the report, as the replay engine plays it back: an attempt, or the suite itself
 * when it failed or was cancelled.
 *
 * @param name the testcase's name: the test, with {@code (attempt N)} after a first attempt, as the
 *     engine names later attempts in Surefire's reports
 * @param failure for {@link Ending#FAILED} the stored failure; for {@link Ending#ABORTED} and {@link
 *     Ending#SKIPPED} the reason (message) and the stored trace; empty when there is none
 * @param log what the attempt logged; empty for a test that did not run
 * @param time how long it took, as stored
 */
record ReplayedTest(String name, Ending ending, Optional<Failure> failure, String log, Duration time) {

    /** How a replayed test ends, in the JUnit Platform's words. */
    enum Ending {
        SUCCESSFUL,
        FAILED,
        /** Started and aborted: a retried attempt, a soft failure or a failed assumption. */
        ABORTED,
        /** Never started. */
        SKIPPED
    }

    /** The engine's own message for a retried attempt; a stored failure usually carries it already. */
    private static final Pattern RETRY_MESSAGE = Pattern.compile("^attempt \\d+ of \\d+ failed, will retry: ");

    private static final String SOFT_PREFIX = "soft failure: ";

    /** A qualified class name opening a stack trace's first line: {@code a.b.Type} or {@code a.b.Type: message}. */
    private static final Pattern TRACE_TYPE = Pattern.compile(
            "^(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(?:\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)+)(?::.*)?$");

    ReplayedTest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(log, "log");
        time = time.isNegative() ? Duration.ZERO : time;
    }

    static ReplayedTest of(Attempt attempt) {
        String name = attempt.number() == 1 ? attempt.test() : attempt.test() + " (attempt " + attempt.number() + ")";
        Optional<Failure> stored = attempt.failure();
        String message = stored.map(Failure::message).orElse("");
        String trace = stored.map(Failure::stackTrace).orElse("");
        return switch (attempt.result()) {
            case PASSED ->
                new ReplayedTest(name, Ending.SUCCESSFUL, Optional.empty(), attempt.log(), attempt.duration());
            case FAILED -> new ReplayedTest(name, Ending.FAILED, stored, attempt.log(), attempt.duration());
            case RETRYING ->
                aborted(
                        name,
                        attempt,
                        RETRY_MESSAGE.matcher(message).find()
                                ? message
                                : "attempt %d of %d failed, will retry: %s"
                                        .formatted(attempt.number(), attempt.maxAttempts(), message),
                        trace);
            case SOFT_FAILED ->
                aborted(name, attempt, message.startsWith(SOFT_PREFIX) ? message : SOFT_PREFIX + message, trace);
            case SKIPPED -> skipped(name, attempt, message.isBlank() ? "skipped" : message, trace);
        };
    }

    /**
     * The suite itself, when it failed (setup, teardown, suite timeout, a run that could not start)
     * or was cancelled. It is a testcase of its own, named after the suite: a run that failed only
     * in teardown must not read as green to a CI server, and charging the failure to every attempt
     * (what JUnit does with a failed container) would turn passed attempts red.
     */
    static Optional<ReplayedTest> ofSuite(SuiteRun run) {
        String suite = run.id().suite();
        return run.failure()
                .map(failure -> run.result() == RunResult.CANCELLED
                        ? new ReplayedTest(suite, Ending.ABORTED, Optional.of(failure), "", Duration.ZERO)
                        : new ReplayedTest(suite, Ending.FAILED, Optional.of(failure), "", Duration.ZERO));
    }

    /** The original exception's class, as the stored trace names it on its first line. */
    Optional<String> failureType() {
        String trace = failure.map(Failure::stackTrace).orElse("").strip();
        String firstLine = trace.lines().findFirst().orElse("");
        var matcher = TRACE_TYPE.matcher(firstLine);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** An attempt that ran and ended without passing or failing; a skipped attempt with a trace or a log ran too. */
    private static ReplayedTest aborted(String name, Attempt attempt, String reason, String trace) {
        return new ReplayedTest(
                name, Ending.ABORTED, Optional.of(new Failure(reason, trace)), attempt.log(), attempt.duration());
    }

    private static ReplayedTest skipped(String name, Attempt attempt, String reason, String trace) {
        boolean ran = !trace.isBlank() || !attempt.log().isBlank();
        return ran
                ? aborted(name, attempt, reason, trace)
                : new ReplayedTest(name, Ending.SKIPPED, Optional.of(new Failure(reason, "")), "", attempt.duration());
    }
}
