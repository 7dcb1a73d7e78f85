package dev.handoff.daemon.fork;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** The child's listener: every event a frame to the daemon, sent at once, so that attempts show live. */
final class EventStream implements TestExecutionListener {

    private final DataOutputStream out;

    EventStream(DataOutputStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        List<IdentifierForm> identifiers = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            addWithDescendants(plan, root, identifiers);
        }
        send(new ForkEvent.PlanStarted(identifiers));
    }

    private static void addWithDescendants(TestPlan plan, TestIdentifier identifier, List<IdentifierForm> into) {
        into.add(IdentifierForm.of(identifier));
        plan.getChildren(identifier).forEach(child -> addWithDescendants(plan, child, into));
    }

    @Override
    public void dynamicTestRegistered(TestIdentifier identifier) {
        send(new ForkEvent.Registered(IdentifierForm.of(identifier)));
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        send(new ForkEvent.Started(identifier.getUniqueId()));
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        send(new ForkEvent.Skipped(identifier.getUniqueId(), reason));
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        send(new ForkEvent.Finished(
                identifier.getUniqueId(),
                result.getStatus().name(),
                result.getThrowable().map(Thrown::of).orElse(null)));
    }

    @Override
    public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        send(new ForkEvent.Reported(identifier.getUniqueId(), new java.util.LinkedHashMap<>(entry.getKeyValuePairs())));
    }

    void crashed(Throwable problem) {
        send(new ForkEvent.Crashed(Thrown.of(problem)));
    }

    void finished() {
        send(new ForkEvent.PlanFinished());
    }

    private void send(ForkEvent event) {
        try {
            Frames.write(out, event);
        } catch (IOException e) {
            // The daemon is gone: nothing this run does is recorded any more.
            throw new UncheckedIOException("the daemon stopped listening: " + e.getMessage(), e);
        }
    }
}
