package dev.handoff.daemon.fork;

import java.io.Serial;

/**
 * An exception of a forked run that could not travel as itself: its class name, message, stack
 * trace and cause, printed as the original would be.
 */
public final class RemoteThrowable extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String className;

    private RemoteThrowable(String className, String message, RemoteThrowable cause) {
        super(message, cause);
        this.className = className;
    }

    static RemoteThrowable of(Throwable throwable) {
        return of(throwable, 0);
    }

    private static RemoteThrowable of(Throwable throwable, int depth) {
        Throwable cause = throwable.getCause();
        RemoteThrowable remote = new RemoteThrowable(
                throwable.getClass().getName(),
                throwable.getMessage(),
                cause == null || cause == throwable || depth > 20 ? null : of(cause, depth + 1));
        remote.setStackTrace(throwable.getStackTrace());
        return remote;
    }

    /** The original's class name. */
    public String className() {
        return className;
    }

    /** The message, or the original's class name when it had none: a reader needs one or the other. */
    @Override
    public String getMessage() {
        String message = super.getMessage();
        return message == null || message.isBlank() ? className : message;
    }

    @Override
    public String toString() {
        String message = super.getMessage();
        return message == null ? className : className + ": " + message;
    }
}
