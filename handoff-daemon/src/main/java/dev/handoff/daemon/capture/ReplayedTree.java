package dev.handoff.daemon.capture;

import dev.handoff.daemon.fork.IdentifierForm;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;

/**
 * A forked run's test plan as the daemon learns it from the child: the plan's identifiers, then
 * dynamic ones, rebuilt as descriptors of the daemon's own JUnit.
 *
 * <p>The identifiers come from {@link TestIdentifier#from}, which JUnit marks internal: a
 * launcher's listener never makes identifiers, but a replay must, and the only other way (JUnit's
 * serialized form) differs between JUnit 5 and 6. This is the daemon's own JUnit, fixed by its
 * build, so a change there shows in the daemon's tests, not in a user's suites.
 */
@API(status = API.Status.INTERNAL)
public final class ReplayedTree implements TestTree {

    private final ClassLoader loader;
    private final Map<UniqueId, TestIdentifier> byId = new ConcurrentHashMap<>();
    private final Map<String, Replayed> descriptors = new ConcurrentHashMap<>();
    private final Map<UniqueId, List<TestIdentifier>> children = new ConcurrentHashMap<>();

    /** @param loader the suites' loader: sources hold the suites' classes, as in-process */
    public ReplayedTree(ClassLoader loader) {
        this.loader = loader;
    }

    public void add(IdentifierForm form) {
        Replayed descriptor = new Replayed(form, source(form.source()));
        if (form.parentId() != null) {
            Replayed parent = descriptors.get(form.parentId());
            if (parent != null) {
                parent.addChild(descriptor);
            }
        }
        descriptors.put(form.uniqueId(), descriptor);
        TestIdentifier identifier = TestIdentifier.from(descriptor);
        byId.put(identifier.getUniqueIdObject(), identifier);
        identifier
                .getParentIdObject()
                .ifPresent(parent -> children.computeIfAbsent(parent, id -> new ArrayList<>())
                        .add(identifier));
    }

    /**
     * The source with its class (and method) resolved now, by the suites' loader: a source that
     * resolves them later would use whichever thread's context loader asks (the recorder's writer
     * asks for the tests running), which may not see the suites.
     */
    private TestSource source(IdentifierForm.SourceForm source) {
        if (source == null) {
            return null;
        }
        Class<?> type;
        try {
            type = Class.forName(source.className(), false, loader);
        } catch (ClassNotFoundException | LinkageError unknown) {
            return source.methodName() == null
                    ? ClassSource.from(source.className())
                    : MethodSource.from(source.className(), source.methodName(), source.parameterTypes());
        }
        if (source.methodName() == null) {
            return ClassSource.from(type);
        }
        return ReflectionSupport.findMethod(type, source.methodName(), source.parameterTypes())
                .map(method -> MethodSource.from(type, method))
                .orElseGet(() -> MethodSource.from(source.className(), source.methodName(), source.parameterTypes()));
    }

    /** @throws IllegalStateException when the child named an identifier it never sent */
    public TestIdentifier get(String uniqueId) {
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

    /** A descriptor standing for one of the child's, with what an identifier takes from it. */
    private static final class Replayed extends AbstractTestDescriptor {
        private final Type type;
        private final String legacyReportingName;
        private final Set<TestTag> tags = new LinkedHashSet<>();

        Replayed(IdentifierForm form, TestSource source) {
            super(UniqueId.parse(form.uniqueId()), form.displayName(), source);
            this.type = Type.valueOf(form.type());
            this.legacyReportingName = form.legacyReportingName();
            form.tags().stream().filter(TestTag::isValid).map(TestTag::create).forEach(tags::add);
        }

        @Override
        public Type getType() {
            return type;
        }

        @Override
        public String getLegacyReportingName() {
            return legacyReportingName;
        }

        @Override
        public Set<TestTag> getTags() {
            return tags;
        }
    }
}
