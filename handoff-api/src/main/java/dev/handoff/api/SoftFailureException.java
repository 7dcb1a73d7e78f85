package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.opentest4j.TestAbortedException;

/**
 * How the {@code handoff} engine reports a soft failure to platform listeners: the test finishes
 * {@code ABORTED} with this exception, whose cause is the original failure. Aborted rather than
 * failed, so that build tools such as Surefire keep the build green while still showing the
 * message; a {@code TestExecutionListener} tells it apart from a skip by this type or by the
 * report entry {@link HandoffReportEntries#RESULT} = {@code "soft-failed"}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class SoftFailureException extends TestAbortedException {

    private static final long serialVersionUID = 1L;

    public SoftFailureException(String message, Throwable failure) {
        super(message, failure);
    }

    /** Its own frames are the engine's and say nothing; the cause carries the failure's trace. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
