package dev.handoff.engine.internal;

import dev.handoff.api.HandoffSuite;
import java.lang.reflect.Modifier;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Which classes are suites, and which classes belong to one. Asked for every class and every
 * Jupiter test of a module (discovery and the filter that keeps Jupiter off suites), so each answer
 * is worked out once per class: a module without suites must not pay an annotation search per test.
 */
final class SuiteClasses {

    private static final ClassValue<Boolean> SUITE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            return computeIsSuite(c);
        }
    };

    /** The suite class a class is or is nested in; {@link #NONE} when it belongs to none. */
    private static final ClassValue<Class<?>> SUITE_OF = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> c) {
            for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
                if (isSuite(k)) {
                    return k;
                }
            }
            return NONE;
        }
    };

    private static final Class<?> NONE = Void.class;

    private SuiteClasses() {}

    /**
     * A class the engine runs as a suite: annotated (directly, as a meta-annotation or inherited from
     * a superclass), concrete, top-level or static member. An abstract class is never a suite; a
     * concrete subclass of a suite is a suite of its own (named by {@code TestNames.suiteName}).
     */
    static boolean isSuite(Class<?> c) {
        return SUITE.get(c);
    }

    private static boolean computeIsSuite(Class<?> c) {
        int modifiers = c.getModifiers();
        return !Modifier.isAbstract(modifiers)
                && !Modifier.isPrivate(modifiers)
                && !c.isInterface()
                && !c.isLocalClass()
                && !c.isAnonymousClass()
                && (c.getEnclosingClass() == null || Modifier.isStatic(modifiers))
                && AnnotationSupport.isAnnotated(c, HandoffSuite.class);
    }

    /** The suite class {@code c} is, or is nested in; null when it belongs to none. */
    static Class<?> suiteOf(Class<?> c) {
        Class<?> suite = SUITE_OF.get(c);
        return suite == NONE ? null : suite;
    }
}
