package dev.handoff.daemon.capture;

import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * What the recorder asks of a run's test plan: a test's parent and a container's descendants. An
 * in-process run has the launcher's {@link TestPlan}; a forked run rebuilds the tree from the
 * child's events ({@link ReplayedTree}), since a {@code TestPlan} can only be made by JUnit's
 * internals.
 */
@API(status = API.Status.INTERNAL)
public interface TestTree {

    Optional<TestIdentifier> parent(TestIdentifier identifier);

    Set<TestIdentifier> descendants(TestIdentifier identifier);

    static TestTree of(TestPlan plan) {
        return new TestTree() {
            @Override
            public Optional<TestIdentifier> parent(TestIdentifier identifier) {
                return plan.getParent(identifier);
            }

            @Override
            public Set<TestIdentifier> descendants(TestIdentifier identifier) {
                return plan.getDescendants(identifier);
            }
        };
    }
}
