package dev.handoff.daemon.report;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.Invocation;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.SuiteRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * @param className the test's class, when the suite's class is known: the report's {@code
 *     classname}, as Surefire writes it
 */
record ReplayedTest(
        String name, Ending ending, Optional<Failure> failure, String log, Duration time, Optional<String> className) {

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
        Objects.requireNonNull(className, "className");
    }

    ReplayedTest(String name, Ending ending, Optional<Failure> failure, String log, Duration time) {
        this(name, ending, failure, log, time, Optional.empty());
    }

    /**
     * This testcase in the test's own class, as Surefire reports it: {@code test} is the stored
     * test's name ({@code Checkout/pays} for {@code pays} of the {@code @Nested} class {@code
     * Checkout}), whose nested classes join the suite's class ({@code ShopSuite$Checkout}) and leave
     * the testcase's name.
     */
    ReplayedTest inClassOf(String suiteClass, String test) {
        int parameters = test.indexOf('(');
        String path = parameters < 0 ? test : test.substring(0, parameters);
        int lastSlash = path.lastIndexOf('/');
        if (lastSlash < 0) {
            return new ReplayedTest(name, ending, failure, log, time, Optional.of(suiteClass));
        }
        String nested = path.substring(0, lastSlash).replace('/', '$');
        String ownName = name.startsWith(path.substring(0, lastSlash + 1)) ? name.substring(lastSlash + 1) : name;
        return new ReplayedTest(ownName, ending, failure, log, time, Optional.of(suiteClass + "$" + nested));
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
     * The attempt's testcase, then one per invocation named {@code <attempt's name> <invocation>}
     * ({@code values (attempt 2) [2] value=b}), as Surefire lists a parameterized test's
     * invocations. A failed invocation is a failure only when its attempt failed for good; inside
     * a retried or soft-failed attempt it is aborted with the attempt's reason, so that a CI server
     * reads the run as the daemon does.
     */
    static List<ReplayedTest> withInvocations(Attempt attempt) {
        ReplayedTest own = of(attempt);
        if (attempt.invocations().list().isEmpty()) {
            return List.of(own);
        }
        List<ReplayedTest> tests = new ArrayList<>();
        tests.add(own);
        for (Invocation invocation : attempt.invocations().list()) {
            String name = own.name() + " " + invocation.name();
            String reason = invocation.failure().orElse("");
            Duration time = invocation.duration();
            tests.add(
                    switch (invocation.result()) {
                        case PASSED ->
                            new ReplayedTest(name, Ending.SUCCESSFUL, Optional.empty(), invocation.log(), time);
                        case FAILED ->
                            attempt.result() == AttemptResult.FAILED
                                    ? new ReplayedTest(
                                            name,
                                            Ending.FAILED,
                                            Optional.of(new Failure(reason, "")),
                                            invocation.log(),
                                            time)
                                    : new ReplayedTest(
                                            name,
                                            Ending.ABORTED,
                                            Optional.of(new Failure(
                                                    "failed in an attempt that ended "
                                                            + attempt.result().label() + ": " + reason,
                                                    "")),
                                            invocation.log(),
                                            time);
                        default ->
                            new ReplayedTest(
                                    name,
                                    Ending.ABORTED,
                                    Optional.of(new Failure(reason.isBlank() ? "skipped" : reason, "")),
                                    invocation.log(),
                                    time);
                    });
        }
        return tests;
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

    /**
     * Whether a failed test failed an assertion rather than threw: Surefire writes the first a
     * {@code <failure>}, the second an {@code <error>}, by whether the exception is an {@link
     * AssertionError}. The stored trace names the exception's class: one this JVM knows (the JDK's,
     * JUnit's, opentest4j's) is asked; one only the suite knew is an assertion error when its name
     * says so, as AssertJ's, Hamcrest's and JUnit 4's do. A failure with no trace is Handoff's own
     * verdict on a test (an invocation's failure), counted as a failure.
     */
    boolean failedAnAssertion() {
        Optional<String> type = failureType();
        if (type.isEmpty()) {
            return true;
        }
        try {
            return AssertionError.class.isAssignableFrom(
                    Class.forName(type.get(), false, ReplayedTest.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError unknown) {
            String simpleName = type.get().substring(type.get().lastIndexOf('.') + 1);
            return ASSERTION_NAME.matcher(simpleName).find();
        }
    }

    private static final Pattern ASSERTION_NAME =
            Pattern.compile("(AssertionError|AssertionFailedError|ComparisonFailure|MultipleFailuresError)$");

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
