package dev.handoff.engine.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.handoff.api.HandoffContext;
import dev.handoff.api.HandoffSuite;
import dev.handoff.api.internal.TestNames;
import java.lang.reflect.Executable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DisplayName;
import org.junit.platform.commons.JUnitException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * One {@code @HandoffSuite} class: a container whose children mirror what Jupiter discovered in
 * the class. Unique ids: {@code [engine:handoff]/[suite:com.acme.CheckoutSuite]/[method:pays()]};
 * a later attempt of a test adds {@code /[attempt:2]} to the test's id.
 */
@API(status = INTERNAL, since = "0.1")
public final class SuiteDescriptor extends AbstractTestDescriptor {

    static final String ATTEMPT_SEGMENT = "attempt";

    private final Class<?> suiteClass;
    private final List<DiscoverySelector> jupiterSelectors = new ArrayList<>();
    private TestDescriptor jupiterRoot;
    private Set<TestTag> tags = Set.of();
    /** Jupiter descriptor (first attempt's tree) to its mirror. */
    private final Map<TestDescriptor, MirrorDescriptor> mirrors = new IdentityHashMap<>();

    /** The tests as Handoff counts them ({@link JupiterTrees#isUnit}), in the order of Jupiter's tree. */
    private final List<DiscoveredUnit> units = new ArrayList<>();

    /** The mirrors by unique id; built when a dynamic test first asks for it. */
    private Map<UniqueId, MirrorDescriptor> mirrorsById;

    private final boolean needsContextExtension;

    /** Why Jupiter could not discover this suite's tests; null when it could. */
    private RuntimeException discoveryFailure;

    /** What went wrong reading the class before discovery; reported by {@link #discoverTests}. */
    private Throwable unreadable;

    SuiteDescriptor(UniqueId uniqueId, Class<?> suiteClass) {
        super(uniqueId, displayName(suiteClass), ClassSource.from(suiteClass));
        this.suiteClass = suiteClass;
        boolean needsContext = false;
        try {
            needsContext = usesHandoffContext(suiteClass, new HashSet<>())
                    || AnnotationSupport.findAnnotation(suiteClass, HandoffSuite.class)
                            .map(s -> !s.timeout().isBlank())
                            .orElse(false);
        } catch (RuntimeException | LinkageError problem) {
            unreadable = problem;
        }
        this.needsContextExtension = needsContext;
    }

    /**
     * Whether Jupiter must load {@code HandoffContextExtension} for this suite: to inject {@code
     * HandoffContext}, or to keep tests from starting once the suite timeout has passed.
     */
    boolean needsContextExtension() {
        return needsContextExtension;
    }

    /**
     * A method or constructor of the class, its superclasses or its nested classes takes a {@code
     * HandoffContext}. Each class is looked at once: a nested class may extend its enclosing class
     * ({@code abstract static class Node { static final class Leaf extends Node {} }}), which makes
     * the walk over superclasses and nested classes a cycle.
     */
    private static boolean usesHandoffContext(Class<?> type, Set<Class<?>> seen) {
        for (Class<?> c = type; c != null && c != Object.class && seen.add(c); c = c.getSuperclass()) {
            if (takesHandoffContext(c.getDeclaredMethods()) || takesHandoffContext(c.getDeclaredConstructors())) {
                return true;
            }
            for (Class<?> nested : c.getDeclaredClasses()) {
                if (usesHandoffContext(nested, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean takesHandoffContext(Executable[] executables) {
        for (Executable executable : executables) {
            if (executable.getParameterCount() == 0) {
                continue; // most test methods: no copy of their parameter types
            }
            for (Class<?> parameter : executable.getParameterTypes()) {
                if (parameter == HandoffContext.class) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String displayName(Class<?> suiteClass) {
        return AnnotationSupport.findAnnotation(suiteClass, DisplayName.class)
                .map(DisplayName::value)
                .filter(name -> !name.isBlank())
                .orElseGet(() -> TestNames.suiteName(suiteClass));
    }

    /** Where Jupiter's tree for this suite is rooted. */
    static UniqueId jupiterRootId(UniqueId suiteId) {
        return suiteId.append("engine", JupiterBridge.JUPITER_ENGINE_ID);
    }

    /** Jupiter's id of the suite class. */
    static UniqueId jupiterClassId(UniqueId suiteId, Class<?> suiteClass) {
        return jupiterRootId(suiteId).append("class", suiteClass.getName());
    }

    void addJupiterSelector(DiscoverySelector selector) {
        jupiterSelectors.add(selector);
    }

    /**
     * Lets Jupiter discover the suite's tests and mirrors them. A class Jupiter cannot read (a
     * linkage error, a hierarchy it cannot walk) fails this suite alone: the problem is reported
     * as a discovery issue naming the class, and the suite fails with it when it runs, while every
     * other class of the request is discovered and runs as usual.
     */
    void discoverTests(EngineDiscoveryRequest request) {
        if (unreadable != null) {
            failDiscovery(request, unreadable);
            return;
        }
        try {
            jupiterRoot = JupiterBridge.jupiter()
                    .discover(
                            JupiterBridge.discoveryRequest(
                                    jupiterSelectors,
                                    request.getConfigurationParameters(),
                                    needsContextExtension,
                                    request,
                                    getUniqueId().removeLastSegment(),
                                    request.getOutputDirectoryCreator()),
                            jupiterRootId(getUniqueId()));
            for (TestDescriptor jupiterClass : jupiterRoot.getChildren()) {
                tags = jupiterClass.getTags();
                for (TestDescriptor child : jupiterClass.getChildren()) {
                    mirror(child, this, true);
                }
            }
        } catch (RuntimeException | LinkageError | StackOverflowError problem) {
            failDiscovery(request, problem);
        }
    }

    /** Forgets what was discovered of this suite and keeps why it could not be. */
    void failDiscovery(EngineDiscoveryRequest request, Throwable problem) {
        jupiterRoot = null;
        mirrors.clear();
        units.clear();
        mirrorsById = null;
        List.copyOf(getChildren()).forEach(this::removeChild);
        String message = "suite " + suiteClass.getName() + " could not be discovered: " + describe(problem);
        discoveryFailure = new JUnitException(message, problem);
        request.getDiscoveryListener()
                .issueEncountered(
                        getUniqueId().removeLastSegment(),
                        DiscoveryIssue.builder(DiscoveryIssue.Severity.WARNING, message)
                                .source(ClassSource.from(suiteClass))
                                .cause(problem)
                                .build());
    }

    private static String describe(Throwable problem) {
        String message = problem.getMessage();
        return message == null || message.isBlank()
                ? problem.getClass().getName()
                : problem.getClass().getSimpleName() + ": " + message;
    }

    /** Why Jupiter could not discover this suite's tests, when it could not. */
    Optional<RuntimeException> discoveryFailure() {
        return Optional.ofNullable(discoveryFailure);
    }

    /**
     * Mirrors {@code jupiter} and what is below it under {@code parent}; {@code inClass} when
     * Jupiter's parent of it is a class, so that a method source makes it a unit.
     */
    private void mirror(TestDescriptor jupiter, TestDescriptor parent, boolean inClass) {
        UniqueId id = parent.getUniqueId().append(jupiter.getUniqueId().getLastSegment());
        MirrorDescriptor mirror = new MirrorDescriptor(id, jupiter.getDisplayName(), jupiter);
        parent.addChild(mirror);
        mirrors.put(jupiter, mirror);
        TestSource source = jupiter.getSource().orElse(null);
        if (inClass && source instanceof MethodSource method) {
            units.add(new DiscoveredUnit(jupiter, mirror, method));
        }
        boolean isClass = source instanceof ClassSource;
        for (TestDescriptor child : jupiter.getChildren()) {
            mirror(child, mirror, isClass);
        }
    }

    /** A unit as discovered: Jupiter's descriptor of the first attempt, its mirror, its method. */
    record DiscoveredUnit(TestDescriptor jupiter, MirrorDescriptor mirror, MethodSource source) {}

    /** The units of the first attempt's tree, in its order (those the launcher's filters removed included). */
    List<DiscoveredUnit> discoveredUnits() {
        return Collections.unmodifiableList(units);
    }

    /** The selectors Jupiter discovered this suite's tests from. */
    List<DiscoverySelector> jupiterSelectors() {
        return List.copyOf(jupiterSelectors);
    }

    Class<?> suiteClass() {
        return suiteClass;
    }

    /** Jupiter's tree for the first attempt, as discovered. */
    TestDescriptor jupiterRoot() {
        return jupiterRoot;
    }

    /** The first attempt's mirror of a descriptor of the first attempt's Jupiter tree; null for any other. */
    MirrorDescriptor mirrorOf(TestDescriptor jupiter) {
        return mirrors.get(jupiter);
    }

    /** The first attempt's mirror with this id. */
    Optional<MirrorDescriptor> mirrorById(UniqueId id) {
        if (mirrorsById == null) {
            mirrorsById = new HashMap<>();
            for (MirrorDescriptor mirror : mirrors.values()) {
                mirrorsById.put(mirror.getUniqueId(), mirror);
            }
        }
        return Optional.ofNullable(mirrorsById.get(id));
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    @Override
    public String getLegacyReportingName() {
        return suiteClass.getName();
    }
}
