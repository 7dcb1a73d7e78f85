package dev.handoff.engine.internal;

import dev.handoff.api.internal.TestNames;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;

/**
 * Which tests of a suite run: the units whose mirror survived the launcher's post-discovery
 * filters and whose name matches {@code handoff.filter}. The others leave Jupiter's tree; those the
 * filter left out are reported skipped with the reason.
 */
final class UnitSelection {

    private final ExecutionState state;

    private UnitSelection(ExecutionState state) {
        this.state = state;
    }

    /** Fills {@code state.units} and trims the suite's Jupiter tree to them. */
    static void select(ExecutionState state) {
        new UnitSelection(state).collect();
    }

    private void collect() {
        TestDescriptor root = state.suite.jupiterRoot();
        if (root == null) {
            return;
        }
        SuiteSettings settings = state.settings;
        Map<TestDescriptor, String> filteredOut = new IdentityHashMap<>();
        for (SuiteDescriptor.DiscoveredUnit discovered : state.suite.discoveredUnits()) {
            TestDescriptor jupiter = discovered.jupiter();
            MirrorDescriptor mirror = discovered.mirror();
            if (!attached(mirror)) {
                jupiter.removeFromHierarchy();
                continue;
            }
            Method method = discovered.source().getJavaMethod();
            Class<?> testClass = ((ClassSource) jupiter.getParent()
                            .flatMap(TestDescriptor::getSource)
                            .orElseThrow())
                    .getJavaClass();
            String name = TestNames.testName(testClass, method);
            if (settings.filter().isPresent()
                    && !settings.filter().get().matcher(name).find()) {
                filteredOut.put(
                        mirror,
                        "not selected by filter '" + settings.filter().get().pattern() + "'");
                jupiter.removeFromHierarchy();
                continue;
            }
            Annotation[] annotations = method.getDeclaredAnnotations();
            state.units.put(
                    jupiter.getUniqueId(),
                    new Unit(
                            name,
                            jupiter.getUniqueId(),
                            mirror,
                            settings.maxAttemptsFor(method, annotations),
                            TestAnnotations.isSoft(annotations)));
        }
        JupiterTrees.pruneEmptyClasses(root);
        skipFilteredOut(state.suite, filteredOut);
    }

    /**
     * Reports the tests the filter left out as skipped, in the daemon's words (the Go project's:
     * {@code not selected by filter '^fir'}); a nested class none of whose tests is left is skipped
     * as a whole, so that no container is left without events.
     */
    private void skipFilteredOut(TestDescriptor container, Map<TestDescriptor, String> filteredOut) {
        for (TestDescriptor child : List.copyOf(container.getChildren())) {
            String reason = filteredOut.get(child);
            if (reason != null) {
                state.events.skipped(child, reason);
            } else if (JupiterTrees.isClass(child) && allFilteredOut(child, filteredOut)) {
                state.events.skipped(
                        child,
                        "not selected by filter '"
                                + state.settings.filter().orElseThrow().pattern() + "'");
            } else if (JupiterTrees.isClass(child)) {
                skipFilteredOut(child, filteredOut);
            }
        }
    }

    private static boolean allFilteredOut(TestDescriptor container, Map<TestDescriptor, String> filteredOut) {
        for (TestDescriptor child : container.getChildren()) {
            boolean out = filteredOut.containsKey(child)
                    || (JupiterTrees.isClass(child) && allFilteredOut(child, filteredOut));
            if (!out) {
                return false;
            }
        }
        return true;
    }

    /** Removed descriptors lose their parent, so a mirror is still in the tree if its chain reaches the suite. */
    private boolean attached(TestDescriptor mirror) {
        TestDescriptor d = mirror;
        while (d != state.suite) {
            var parent = d.getParent();
            if (parent.isEmpty()) {
                return false;
            }
            d = parent.get();
        }
        return true;
    }
}
