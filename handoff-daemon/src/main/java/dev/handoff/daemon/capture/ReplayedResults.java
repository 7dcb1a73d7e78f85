package dev.handoff.daemon.capture;

import dev.handoff.daemon.fork.ForkEvent;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestExecutionResult;

/** A forked run's results as the recorder takes them: the platform's own result type, with the child's throwable. */
@API(status = API.Status.INTERNAL)
public final class ReplayedResults {

    private ReplayedResults() {}

    public static TestExecutionResult of(ForkEvent.Finished finished, ClassLoader loader) {
        Throwable thrown = finished.thrown() == null ? null : finished.thrown().resolve(loader);
        return switch (finished.status()) {
            case "SUCCESSFUL" -> TestExecutionResult.successful();
            case "ABORTED" -> TestExecutionResult.aborted(thrown);
            default -> TestExecutionResult.failed(thrown);
        };
    }
}
