package dev.handoff.daemon.report;

import dev.handoff.daemon.model.Failure;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Serial;

/**
 * A stored failure played back: its message is the stored message, and it prints the stored stack
 * trace as its own, so the report's {@code <failure>} and {@code <skipped>} bodies are the original
 * trace rather than the replay's frames. It is an {@link AssertionError} because JUnit's legacy XML
 * writes only those as {@code <failure>}; a test that threw anything else is replayed as {@link
 * #error} and written as an {@code <error>}, as Surefire tells them apart.
 */
final class ReplayedFailure extends AssertionError {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String printed;

    private ReplayedFailure(String message, String printed) {
        super(message, null);
        this.printed = printed.endsWith("\n") ? printed : printed + System.lineSeparator();
    }

    /** A failed test: the report shows the original trace (or the message, when none was stored). */
    static ReplayedFailure failed(Failure failure) {
        return new ReplayedFailure(
                failure.message(), failure.stackTrace().isBlank() ? failure.message() : failure.stackTrace());
    }

    /**
     * A failed test that threw something other than an assertion error: the same trace, as an
     * exception that JUnit's legacy XML writes as an {@code <error>}.
     */
    static RuntimeException error(Failure failure) {
        return new NotAnAssertion(failed(failure));
    }

    /** A replayed failure that is not an {@link AssertionError}; it prints as the failure it wraps. */
    private static final class NotAnAssertion extends RuntimeException {

        @Serial
        private static final long serialVersionUID = 1L;

        private final ReplayedFailure replayed;

        private NotAnAssertion(ReplayedFailure replayed) {
            super(replayed.getMessage(), null, false, false);
            this.replayed = replayed;
        }

        @Override
        public void printStackTrace(PrintWriter out) {
            replayed.printStackTrace(out);
        }

        @Override
        public void printStackTrace(PrintStream out) {
            replayed.printStackTrace(out);
        }

        @Override
        public String toString() {
            return replayed.toString();
        }
    }

    /** A test that did not count: the report's skip reason is the message, then the original trace. */
    static ReplayedFailure aborted(Failure reason) {
        return new ReplayedFailure(
                reason.message(),
                reason.stackTrace().isBlank()
                        ? reason.message()
                        : reason.message() + System.lineSeparator() + System.lineSeparator() + reason.stackTrace());
    }

    /** The replay's own frames say nothing about the test; not collecting them keeps a large replay cheap. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public void printStackTrace(PrintWriter out) {
        out.print(printed);
    }

    @Override
    public void printStackTrace(PrintStream out) {
        out.print(printed);
    }

    @Override
    public String toString() {
        return printed.lines().findFirst().orElse("");
    }
}
