package dev.handoff.daemon.cli;

/**
 * A problem the user can fix, said in one line in the user's words; {@code handoff} prints the
 * message to stderr and exits with {@link ExitCode#ERROR}.
 */
class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
