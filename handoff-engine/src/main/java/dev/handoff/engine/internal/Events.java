package dev.handoff.engine.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

/**
 * The events one suite sends to platform listeners, with what has been started and finished, so
 * that every descriptor gets a well-formed sequence even when the suite is cut short. What a
 * listener prints while handling an event is not captured into any attempt's log.
 */
final class Events {

    private final EngineExecutionListener out;
    private final Set<TestDescriptor> started = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<TestDescriptor> done = Collections.newSetFromMap(new IdentityHashMap<>());
    /** In start order; few at a time (the suite, a nested class, the running tests). */
    private final List<TestDescriptor> open = new ArrayList<>();

    Events(EngineExecutionListener out) {
        this.out = out;
    }

    void registered(TestDescriptor descriptor) {
        OutputCapture.uncaptured(() -> out.dynamicTestRegistered(descriptor));
    }

    void started(TestDescriptor descriptor) {
        if (started.add(descriptor)) {
            open.add(descriptor);
            OutputCapture.uncaptured(() -> out.executionStarted(descriptor));
        }
    }

    /** Starts the descriptor's ancestors that have not started, outermost first, then the descriptor. */
    void startedWithAncestors(TestDescriptor descriptor) {
        descriptor.getParent().filter(p -> !started.contains(p)).ifPresent(this::startedWithAncestors);
        started(descriptor);
    }

    void skipped(TestDescriptor descriptor, String reason) {
        if (!started.contains(descriptor) && done.add(descriptor)) {
            OutputCapture.uncaptured(() -> out.executionSkipped(descriptor, reason));
        }
    }

    void finished(TestDescriptor descriptor, TestExecutionResult result) {
        if (removeOpen(descriptor)) {
            done.add(descriptor);
            OutputCapture.uncaptured(() -> out.executionFinished(descriptor, result));
        }
    }

    void reported(TestDescriptor descriptor, ReportEntry entry) {
        OutputCapture.uncaptured(() -> out.reportingEntryPublished(descriptor, entry));
    }

    void filePublished(TestDescriptor descriptor, FileEntry entry) {
        OutputCapture.uncaptured(() -> out.fileEntryPublished(descriptor, entry));
    }

    private boolean removeOpen(TestDescriptor descriptor) {
        for (int i = open.size() - 1; i >= 0; i--) {
            if (open.get(i) == descriptor) {
                open.remove(i);
                return true;
            }
        }
        return false;
    }

    boolean isStarted(TestDescriptor descriptor) {
        return started.contains(descriptor);
    }

    boolean isDone(TestDescriptor descriptor) {
        return done.contains(descriptor);
    }

    /** Started but not finished, innermost (latest started) first. */
    List<TestDescriptor> openInnermostFirst() {
        List<TestDescriptor> list = new ArrayList<>(open);
        Collections.reverse(list);
        return list;
    }
}
