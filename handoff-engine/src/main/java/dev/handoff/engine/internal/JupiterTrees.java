package dev.handoff.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/** Reading and trimming a suite's Jupiter tree (and its mirror, which has the same shape). */
final class JupiterTrees {

    private JupiterTrees() {}

    /** A class or {@code @Nested} class container. */
    static boolean isClass(TestDescriptor descriptor) {
        return descriptor.getSource().orElse(null) instanceof ClassSource;
    }

    /** A test of the suite as Handoff counts it: a method directly inside a (nested) class. */
    static boolean isUnit(TestDescriptor descriptor) {
        return descriptor.getSource().orElse(null) instanceof MethodSource
                && descriptor.getParent().map(JupiterTrees::isClass).orElse(false);
    }

    /** The units of a tree; only class containers are walked. */
    static List<TestDescriptor> units(TestDescriptor root) {
        List<TestDescriptor> units = new ArrayList<>();
        collectUnits(root, units);
        return units;
    }

    /** Removes the units whose ids are not in {@code keep}, then the classes left empty. */
    static void keepOnly(TestDescriptor root, Set<UniqueId> keep) {
        for (TestDescriptor unit : units(root)) {
            if (!keep.contains(unit.getUniqueId())) {
                unit.removeFromHierarchy();
            }
        }
        pruneEmptyClasses(root);
    }

    /** Nested classes left without tests would still run their lifecycle methods: drop them. */
    static void pruneEmptyClasses(TestDescriptor descriptor) {
        List<TestDescriptor> classes = new ArrayList<>();
        for (TestDescriptor child : descriptor.getChildren()) {
            if (isClass(child)) {
                classes.add(child);
            }
        }
        classes.forEach(JupiterTrees::pruneEmptyClasses);
        if (isClass(descriptor) && descriptor.getChildren().isEmpty()) {
            descriptor.removeFromHierarchy();
        }
    }

    private static void collectUnits(TestDescriptor container, List<TestDescriptor> units) {
        for (TestDescriptor child : container.getChildren()) {
            if (isUnit(child)) {
                units.add(child);
            } else if (!(child.getSource().orElse(null) instanceof MethodSource)) {
                collectUnits(child, units);
            }
        }
    }
}
