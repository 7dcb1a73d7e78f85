package dev.handoff.daemon.cli;

/** How {@code handoff} ends, for scripts and CI jobs to act on. */
final class ExitCode {

    /** Done; for a run: it passed or was flaky. */
    static final int OK = 0;
    /** The run failed or was cancelled. */
    static final int FAILED = 1;
    /** Nothing was run as asked: bad arguments, an unreachable or failing server, a timeout. */
    static final int ERROR = 2;

    private ExitCode() {}
}
