package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.opentest4j.TestAbortedException;

/**
 * How the {@code handoff} engine reports a failed attempt that will be retried: the attempt
 * finishes {@code ABORTED} with this exception, whose cause is the original failure. A test's
 * outcome is its last attempt's, so only the last attempt can fail a build; earlier ones stay
 * visible (under Surefire as skipped, with the message).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class AttemptFailedException extends TestAbortedException {

    private static final long serialVersionUID = 1L;

    private final int attempt;
    private final int maxAttempts;

    public AttemptFailedException(int attempt, int maxAttempts, Throwable failure) {
        super("attempt %d of %d failed, will retry: %s".formatted(attempt, maxAttempts, describe(failure)), failure);
        this.attempt = attempt;
        this.maxAttempts = maxAttempts;
    }

    /** The attempt that failed, starting at 1. */
    public int attempt() {
        return attempt;
    }

    /** The test's maximum number of attempts. */
    public int maxAttempts() {
        return maxAttempts;
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getName() : message;
    }

    /** Its own frames are the engine's and say nothing; the cause carries the failure's trace. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
