package dev.handoff.daemon.runner;

/** A run was asked for a suite the daemon does not know. */
public final class UnknownSuiteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownSuiteException(String suite) {
        super("no suite named '" + suite + "'");
    }
}
