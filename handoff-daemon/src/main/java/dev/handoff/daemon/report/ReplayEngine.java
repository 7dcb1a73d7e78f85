package dev.handoff.daemon.report;

import dev.handoff.daemon.model.Failure;
import java.util.List;
import java.util.Objects;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.launcher.LauncherConstants;

/**
 * A test engine that plays a stored run back instead of running anything: engine → one container
 * for the suite → one test per {@link ReplayedTest}, each reporting the events its stored outcome
 * implies. Both the engine and the container are named after the suite, so JUnit's legacy XML names
 * the {@code <testsuite>} after it. A test's {@code classname} is its class when the suite's class
 * is known ({@link ReplayedTest#className()}, a class source the listener reads by name, never
 * loading it); otherwise the listener falls back to the container's name, the suite's.
 *
 * <p>One instance replays one run; it is never registered for discovery by the service loader.
 */
final class ReplayEngine implements TestEngine {

    static final String ID = "handoff-replay";

    private final String suite;
    private final List<ReplayedTest> tests;

    ReplayEngine(String suite, List<ReplayedTest> tests) {
        this.suite = Objects.requireNonNull(suite, "suite");
        this.tests = List.copyOf(tests);
    }

    static UniqueId engineId() {
        return UniqueId.forEngine(ID);
    }

    /** The unique id of the test replaying {@code tests.get(index)}: how a testcase of the report finds its test again. */
    static UniqueId testId(int index) {
        return suiteId().append("test", Integer.toString(index));
    }

    private static UniqueId suiteId() {
        return engineId().append("suite", "run");
    }

    @Override
    public String getId() {
        return ID;
    }

    /** The whole stored run, whatever is asked for: the replay's only client asks for all of it. */
    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, suite);
        if (tests.isEmpty()) {
            // A container without children would be a testcase of its own in the report.
            return engine;
        }
        SuiteDescriptor container = new SuiteDescriptor(suiteId(), suite);
        engine.addChild(container);
        for (int i = 0; i < tests.size(); i++) {
            container.addChild(new ReplayedTestDescriptor(testId(i), tests.get(i)));
        }
        return engine;
    }

    @Override
    public void execute(ExecutionRequest request) {
        EngineExecutionListener listener = request.getEngineExecutionListener();
        TestDescriptor engine = request.getRootTestDescriptor();
        listener.executionStarted(engine);
        for (TestDescriptor container : engine.getChildren()) {
            listener.executionStarted(container);
            for (TestDescriptor test : container.getChildren()) {
                replay((ReplayedTestDescriptor) test, listener);
            }
            listener.executionFinished(container, TestExecutionResult.successful());
        }
        listener.executionFinished(engine, TestExecutionResult.successful());
    }

    private static void replay(ReplayedTestDescriptor descriptor, EngineExecutionListener listener) {
        ReplayedTest test = descriptor.test;
        if (test.ending() == ReplayedTest.Ending.SKIPPED) {
            listener.executionSkipped(
                    descriptor, test.failure().map(Failure::message).orElse("skipped"));
            return;
        }
        listener.executionStarted(descriptor);
        if (!test.log().isBlank()) {
            // The legacy XML writes an entry under this key as the testcase's <system-out>, verbatim.
            listener.reportingEntryPublished(
                    descriptor,
                    ReportEntry.from(
                            LauncherConstants.STDOUT_REPORT_ENTRY_KEY,
                            test.log().stripTrailing()));
        }
        listener.executionFinished(descriptor, result(test));
    }

    private static TestExecutionResult result(ReplayedTest test) {
        return switch (test.ending()) {
            case SUCCESSFUL, SKIPPED -> TestExecutionResult.successful();
            case FAILED ->
                TestExecutionResult.failed(test.failure()
                        .map(failure -> test.failedAnAssertion()
                                ? ReplayedFailure.failed(failure)
                                : ReplayedFailure.error(failure))
                        .orElse(null));
            case ABORTED ->
                TestExecutionResult.aborted(
                        test.failure().map(ReplayedFailure::aborted).orElse(null));
        };
    }

    private static final class SuiteDescriptor extends AbstractTestDescriptor {

        SuiteDescriptor(UniqueId uniqueId, String suite) {
            super(uniqueId, suite);
        }

        @Override
        public Type getType() {
            return Type.CONTAINER;
        }
    }

    private static final class ReplayedTestDescriptor extends AbstractTestDescriptor {

        private final ReplayedTest test;

        ReplayedTestDescriptor(UniqueId uniqueId, ReplayedTest test) {
            // The legacy XML's classname is the source's class; without one, the suite container's name.
            super(uniqueId, test.name(), test.className().map(ClassSource::from).orElse(null));
            this.test = test;
        }

        @Override
        public Type getType() {
            return Type.TEST;
        }
    }
}
