package dev.handoff.engine.internal;

import dev.handoff.api.internal.HandoffContextExtension;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoveryFilter;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.EngineDiscoveryListener;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.engine.support.store.NamespacedHierarchicalStore;

/**
 * How the engine talks to Jupiter: it finds the {@code junit-jupiter} engine through {@link
 * ServiceLoader} and uses it only through the {@link TestEngine} interface, never through
 * Jupiter's internal classes.
 */
final class JupiterBridge {

    static final String JUPITER_ENGINE_ID = "junit-jupiter";

    /**
     * Jupiter's default for {@code @Timeout} is to interrupt the test's own thread, which cannot
     * free a test blocked in I/O. Suites default to a separate thread, so a hung test never stalls
     * the run; users can still set the parameter themselves.
     */
    private static final String TIMEOUT_THREAD_MODE = "junit.jupiter.execution.timeout.thread.mode.default";

    /**
     * Suites that need {@code HandoffContext} get its extension through Jupiter's extension
     * autodetection, switched on for those suites only (and limited to that extension unless the
     * user switched autodetection on for everything): an extension on every suite class would
     * cost trivial tests several percent of their run time for nothing.
     */
    private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

    private static final String AUTODETECTION_INCLUDE = "junit.jupiter.extensions.autodetection.include";
    private static final String CONTEXT_EXTENSION = HandoffContextExtension.class.getName();

    private static final ConcurrentHashMap<ClassLoader, TestEngine> ENGINES = new ConcurrentHashMap<>();

    private JupiterBridge() {}

    static TestEngine jupiter() {
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(JupiterBridge.class.getClassLoader());
        return ENGINES.computeIfAbsent(loader, JupiterBridge::load);
    }

    private static TestEngine load(ClassLoader loader) {
        for (TestEngine engine : ServiceLoader.load(TestEngine.class, loader)) {
            if (JUPITER_ENGINE_ID.equals(engine.getId())) {
                return engine;
            }
        }
        throw new JUnitException(
                "The handoff engine runs suites with JUnit Jupiter: add org.junit.jupiter:junit-jupiter-engine to the test classpath");
    }

    /** The outer request's parameters plus the defaults suites run with. */
    static ConfigurationParameters configuration(ConfigurationParameters outer, boolean withContextExtension) {
        return new ConfigurationParameters() {
            @Override
            public Optional<String> get(String key) {
                Optional<String> value = outer.get(key);
                if (value.isEmpty() && TIMEOUT_THREAD_MODE.equals(key)) {
                    return Optional.of("SEPARATE_THREAD");
                }
                if (withContextExtension && AUTODETECTION.equals(key)) {
                    return Optional.of("true");
                }
                if (withContextExtension && AUTODETECTION_INCLUDE.equals(key)) {
                    boolean userAutodetects = outer.getBoolean(AUTODETECTION).orElse(false);
                    return Optional.of(
                            userAutodetects
                                    ? value.map(v -> v + "," + CONTEXT_EXTENSION)
                                            .orElse("*")
                                    : CONTEXT_EXTENSION);
                }
                return value;
            }

            @Override
            public Optional<Boolean> getBoolean(String key) {
                return get(key).map(Boolean::parseBoolean);
            }

            /** Needed to compile against JUnit 5; gone from the interface in JUnit 6. */
            @SuppressWarnings("deprecation")
            public int size() {
                return keySet().size();
            }

            @Override
            public Set<String> keySet() {
                Set<String> keys = new java.util.HashSet<>(outer.keySet());
                keys.add(TIMEOUT_THREAD_MODE);
                if (withContextExtension) {
                    keys.add(AUTODETECTION);
                    keys.add(AUTODETECTION_INCLUDE);
                }
                return keys;
            }
        };
    }

    /**
     * A discovery request for Jupiter with the given selectors: at discovery time with the outer
     * request's filters and listener, at execution time (retries) without.
     */
    static EngineDiscoveryRequest discoveryRequest(
            List<? extends DiscoverySelector> selectors,
            ConfigurationParameters outerConfiguration,
            boolean withContextExtension,
            EngineDiscoveryRequest outer,
            UniqueId reportIssuesAs,
            OutputDirectoryCreator outputDirectoryCreator) {
        ConfigurationParameters configuration = configuration(outerConfiguration, withContextExtension);
        EngineDiscoveryListener issues = new EngineDiscoveryListener() {
            @Override
            public void issueEncountered(UniqueId engineId, DiscoveryIssue issue) {
                if (outer != null) {
                    outer.getDiscoveryListener().issueEncountered(reportIssuesAs, issue);
                }
            }
        };
        return new EngineDiscoveryRequest() {
            @Override
            public <T extends DiscoverySelector> List<T> getSelectorsByType(Class<T> type) {
                return selectors.stream()
                        .filter(type::isInstance)
                        .map(type::cast)
                        .toList();
            }

            @Override
            public <T extends DiscoveryFilter<?>> List<T> getFiltersByType(Class<T> type) {
                return outer == null ? List.of() : outer.getFiltersByType(type);
            }

            @Override
            public ConfigurationParameters getConfigurationParameters() {
                return configuration;
            }

            @Override
            public EngineDiscoveryListener getDiscoveryListener() {
                return issues;
            }

            @Override
            public OutputDirectoryCreator getOutputDirectoryCreator() {
                return outputDirectoryCreator;
            }
        };
    }

    /**
     * An execution request for Jupiter that shares the outer request's output directories (and,
     * on JUnit 6, its cancellation token) but has its own request-level store, a child of the
     * launcher session's store. {@code ExecutionRequest.create} gained parameters between JUnit
     * 5.14 and 6, so the richest factory present is called reflectively; every extra parameter
     * is taken from the outer request's getter of the same type.
     */
    static ExecutionRequest executionRequest(
            ExecutionRequest outer,
            TestDescriptor root,
            EngineExecutionListener listener,
            NamespacedHierarchicalStore<Namespace> store) {
        ConfigurationParameters configuration = outer.getConfigurationParameters();
        Method factory = Factory.METHOD;
        Object[] args = new Object[factory.getParameterCount()];
        args[0] = root;
        args[1] = listener;
        args[2] = configuration;
        Class<?>[] types = factory.getParameterTypes();
        for (int i = 3; i < args.length; i++) {
            args[i] = types[i] == NamespacedHierarchicalStore.class ? store : getterValue(outer, types[i]);
        }
        try {
            return (ExecutionRequest) factory.invoke(null, args);
        } catch (ReflectiveOperationException e) {
            throw new JUnitException("Cannot create an execution request for Jupiter", e);
        }
    }

    /** A fresh request-level store whose parent is the launcher session's store, as Jupiter expects. */
    static NamespacedHierarchicalStore<Namespace> requestStore(ExecutionRequest outer) {
        NamespacedHierarchicalStore<Namespace> outerStore = outer.getStore();
        return new NamespacedHierarchicalStore<>(outerStore.getParent().orElse(outerStore));
    }

    private static Object getterValue(ExecutionRequest outer, Class<?> type) {
        for (Method m : ExecutionRequest.class.getMethods()) {
            if (m.getParameterCount() == 0
                    && m.getReturnType() == type
                    && m.getName().startsWith("get")) {
                try {
                    return m.invoke(outer);
                } catch (ReflectiveOperationException e) {
                    throw new JUnitException("Cannot read " + m.getName() + " of the execution request", e);
                }
            }
        }
        throw new JUnitException(
                "This JUnit Platform version needs a " + type.getName() + " to create an execution request");
    }

    private static final class Factory {
        static final Method METHOD = Arrays.stream(ExecutionRequest.class.getMethods())
                .filter(m -> m.getName().equals("create") && Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getParameterCount() >= 5)
                .filter(m -> m.getParameterTypes()[0] == TestDescriptor.class)
                .max(Comparator.comparingInt(Method::getParameterCount))
                .orElseThrow(() ->
                        new JUnitException("Unsupported JUnit Platform: no ExecutionRequest.create with a store"));
    }
}
