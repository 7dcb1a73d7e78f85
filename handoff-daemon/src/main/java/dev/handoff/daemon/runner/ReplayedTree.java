package dev.handoff.daemon.runner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestIdentifier;

/** A forked run's test plan as the daemon learns it from the child: the plan's identifiers, then dynamic ones. */
final class ReplayedTree implements TestTree {

    private final Map<UniqueId, TestIdentifier> byId = new ConcurrentHashMap<>();
    private final Map<UniqueId, List<TestIdentifier>> children = new ConcurrentHashMap<>();

    void add(TestIdentifier identifier) {
        byId.put(identifier.getUniqueIdObject(), identifier);
        identifier
                .getParentIdObject()
                .ifPresent(parent -> children.computeIfAbsent(parent, id -> new ArrayList<>())
                        .add(identifier));
    }

    /** @throws IllegalStateException when the child named an identifier it never sent */
    TestIdentifier get(String uniqueId) {
        TestIdentifier identifier = byId.get(UniqueId.parse(uniqueId));
        if (identifier == null) {
            throw new IllegalStateException("the run's JVM reported " + uniqueId + " before registering it");
        }
        return identifier;
    }

    @Override
    public Optional<TestIdentifier> parent(TestIdentifier identifier) {
        return identifier.getParentIdObject().map(byId::get);
    }

    @Override
    public Set<TestIdentifier> descendants(TestIdentifier identifier) {
        Set<TestIdentifier> descendants = new LinkedHashSet<>();
        List<TestIdentifier> next = new ArrayList<>(children.getOrDefault(identifier.getUniqueIdObject(), List.of()));
        while (!next.isEmpty()) {
            TestIdentifier child = next.removeFirst();
            if (descendants.add(child)) {
                next.addAll(children.getOrDefault(child.getUniqueIdObject(), List.of()));
            }
        }
        return descendants;
    }
}
