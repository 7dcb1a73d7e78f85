package dev.handoff.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A listener that checks the event sequence the platform contract promises: every descriptor is
 * started or skipped once, inside a started parent; finished once, after its children; report
 * entries only while started; nothing after the engine finished; nothing left unreported.
 */
final class EventSequenceChecker implements TestExecutionListener {

    private enum State {
        STARTED,
        FINISHED,
        SKIPPED
    }

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Map<String, State> states = new HashMap<>();
    private TestPlan plan;
    private boolean engineFinished;

    static EventSequenceChecker run(Map<String, String> configuration, DiscoverySelector... selectors) {
        EventSequenceChecker checker = new EventSequenceChecker();
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(EngineFilter.includeEngines(HandoffTestEngine.ENGINE_ID))
                .configurationParameters(configuration)
                .build();
        LauncherFactory.create().execute(request, checker);
        return checker;
    }

    /** What broke the contract, including descriptors that never got an event. */
    synchronized List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        plan.getRoots().forEach(root -> collectUnreported(root, all));
        return all;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public synchronized void dynamicTestRegistered(TestIdentifier id) {
        requireOpenParent("registered", id);
    }

    @Override
    public synchronized void executionStarted(TestIdentifier id) {
        requireOpenParent("started", id);
        requireFirstEvent("started", id);
        states.put(id.getUniqueId(), State.STARTED);
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        requireOpenParent("skipped", id);
        requireFirstEvent("skipped", id);
        states.put(id.getUniqueId(), State.SKIPPED);
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (states.get(id.getUniqueId()) != State.STARTED) {
            problems.add("finished while " + states.get(id.getUniqueId()) + ": " + id.getUniqueId());
        }
        for (TestIdentifier child : plan.getChildren(id)) {
            if (states.get(child.getUniqueId()) == State.STARTED) {
                problems.add("finished before its child " + child.getUniqueId() + ": " + id.getUniqueId());
            }
        }
        states.put(id.getUniqueId(), State.FINISHED);
        engineFinished |= id.getParentIdObject().isEmpty();
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        if (states.get(id.getUniqueId()) != State.STARTED) {
            problems.add("report entry while " + states.get(id.getUniqueId()) + ": " + id.getUniqueId());
        }
    }

    private void requireOpenParent(String event, TestIdentifier id) {
        if (engineFinished) {
            problems.add(event + " after the engine finished: " + id.getUniqueId());
        }
        id.getParentIdObject().ifPresent(parent -> {
            if (states.get(parent.toString()) != State.STARTED) {
                problems.add(event + " while its parent is " + states.get(parent.toString()) + ": " + id.getUniqueId());
            }
        });
    }

    private void requireFirstEvent(String event, TestIdentifier id) {
        if (states.containsKey(id.getUniqueId())) {
            problems.add(event + " again (was " + states.get(id.getUniqueId()) + "): " + id.getUniqueId());
        }
    }

    private void collectUnreported(TestIdentifier id, List<String> into) {
        State state = states.get(id.getUniqueId());
        if (state == null) {
            into.add("never reported: " + id.getUniqueId());
        }
        if (state != State.SKIPPED) {
            plan.getChildren(id).forEach(child -> collectUnreported(child, into));
        }
    }
}
