package dev.handoff.api.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.handoff.api.HandoffSuite;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.apiguardian.api.API;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The names of suites and tests, computed the same way by the engine (for filters and reports),
 * by the daemon (its suite catalogue) and by {@code HandoffContext}.
 */
@API(status = INTERNAL, since = "0.1")
public final class TestNames {

    /** Per class: the method names declared by more than one test method of the class (overloads). */
    private static final ClassValue<Set<String>> OVERLOADED = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> testClass) {
            Map<String, Integer> count = new HashMap<>();
            for (Method method : ReflectionSupport.findMethods(
                    testClass, TestNames::isTestMethod, HierarchyTraversalMode.TOP_DOWN)) {
                count.merge(method.getName(), 1, Integer::sum);
            }
            Set<String> overloaded = new HashSet<>();
            count.forEach((name, n) -> {
                if (n > 1) {
                    overloaded.add(name);
                }
            });
            return Set.copyOf(overloaded);
        }
    };

    private static final ClassValue<String> PREFIX = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> testClass) {
            StringBuilder prefix = new StringBuilder();
            Class<?> suiteClass = suiteClass(testClass);
            for (Class<?> c = testClass; c != null && c != suiteClass; c = c.getEnclosingClass()) {
                prefix.insert(0, c.getSimpleName() + "/");
            }
            return prefix.toString();
        }
    };

    private TestNames() {}

    /** The class carrying {@link HandoffSuite}: {@code testClass} or the nearest enclosing class. */
    public static Class<?> suiteClass(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(c, HandoffSuite.class)) {
                return c;
            }
        }
        return testClass;
    }

    /**
     * The suite's name: the {@link HandoffSuite#name()} the suite class declares itself, else its
     * simple name. A name is not inherited: a concrete subclass of a suite is a suite of its own,
     * and two suites sharing a base class's name would clash in the daemon.
     */
    public static String suiteName(Class<?> testClass) {
        Class<?> suiteClass = suiteClass(testClass);
        return ownAnnotation(suiteClass)
                .map(HandoffSuite::name)
                .filter(name -> !name.isBlank())
                .orElse(suiteClass.getSimpleName());
    }

    /** {@link HandoffSuite} declared on the class itself, directly or on one of its own annotations. */
    private static Optional<HandoffSuite> ownAnnotation(Class<?> suiteClass) {
        for (Annotation annotation : suiteClass.getDeclaredAnnotations()) {
            if (annotation instanceof HandoffSuite suite) {
                return Optional.of(suite);
            }
            Optional<HandoffSuite> meta =
                    AnnotationSupport.findAnnotation(annotation.annotationType(), HandoffSuite.class);
            if (meta.isPresent()) {
                return meta;
            }
        }
        return Optional.empty();
    }

    /**
     * A test's name: the method name, prefixed by the simple names of the {@code @Nested} classes
     * between the suite class and the method's class, separated by {@code /}. When the class has
     * several test methods of that name (overloads such as {@code parse()} and {@code
     * parse(String)}), each name carries its parameter types' simple names, so that filters,
     * {@code HandoffContext.testName()} and the daemon tell them apart; other names stay bare.
     */
    public static String testName(Class<?> testClass, Method method) {
        String name = method.getName();
        if (OVERLOADED.get(testClass).contains(name)) {
            StringJoiner parameters = new StringJoiner(", ", name + "(", ")");
            for (Class<?> type : method.getParameterTypes()) {
                parameters.add(type.getSimpleName());
            }
            name = parameters.toString();
        }
        return prefix(testClass) + name;
    }

    /**
     * What precedes the method name in the names of tests declared in {@code testClass}: empty for
     * the suite class, {@code "Checkout/"} for a {@code @Nested} class {@code Checkout}.
     */
    public static String prefix(Class<?> testClass) {
        return PREFIX.get(testClass);
    }

    /**
     * Whether a unique id whose last segment has this type is one invocation of a test (of a
     * {@code @ParameterizedTest}, {@code @RepeatedTest}, test template or {@code @TestFactory}) rather
     * than a test: its results are reported on the test's attempt.
     */
    public static boolean isInvocationSegment(String segmentType) {
        return segmentType.equals("test-template-invocation") || segmentType.equals("dynamic-test");
    }

    /** Annotated with a testable annotation ({@code @Test}, {@code @ParameterizedTest}, {@code @TestFactory} ...). */
    private static boolean isTestMethod(Method method) {
        return AnnotationSupport.isAnnotated(method, Testable.class);
    }
}
