package dev.handoff.api.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.handoff.api.HandoffSuite;
import java.lang.reflect.Method;
import org.apiguardian.api.API;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The names of suites and tests, computed the same way by the engine (for filters and reports)
 * and by {@code HandoffContext}.
 */
@API(status = INTERNAL, since = "0.1")
public final class TestNames {

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

    /** The suite's name: {@link HandoffSuite#name()} or the suite class's simple name. */
    public static String suiteName(Class<?> testClass) {
        Class<?> suiteClass = suiteClass(testClass);
        return AnnotationSupport.findAnnotation(suiteClass, HandoffSuite.class)
                .map(HandoffSuite::name)
                .filter(name -> !name.isBlank())
                .orElse(suiteClass.getSimpleName());
    }

    /**
     * A test's name: the method name, prefixed by the simple names of the {@code @Nested} classes
     * between the suite class and the method's class, separated by {@code /}.
     */
    public static String testName(Class<?> testClass, Method method) {
        return prefix(testClass) + method.getName();
    }

    /**
     * What precedes the method name in the names of tests declared in {@code testClass}: empty for
     * the suite class, {@code "Checkout/"} for a {@code @Nested} class {@code Checkout}.
     */
    public static String prefix(Class<?> testClass) {
        StringBuilder prefix = new StringBuilder();
        Class<?> suiteClass = suiteClass(testClass);
        for (Class<?> c = testClass; c != null && c != suiteClass; c = c.getEnclosingClass()) {
            prefix.insert(0, c.getSimpleName() + "/");
        }
        return prefix.toString();
    }
}
