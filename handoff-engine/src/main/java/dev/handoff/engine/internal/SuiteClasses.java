package dev.handoff.engine.internal;

import dev.handoff.api.HandoffSuite;
import java.lang.reflect.Modifier;
import org.junit.platform.commons.support.AnnotationSupport;

/** Which classes are suites, and which classes belong to one. */
final class SuiteClasses {

    private SuiteClasses() {}

    /** A class the engine runs as a suite: annotated, concrete, top-level or static member. */
    static boolean isSuite(Class<?> c) {
        int modifiers = c.getModifiers();
        return AnnotationSupport.isAnnotated(c, HandoffSuite.class)
                && !Modifier.isAbstract(modifiers)
                && !Modifier.isPrivate(modifiers)
                && !c.isLocalClass()
                && !c.isAnonymousClass()
                && (c.getEnclosingClass() == null || Modifier.isStatic(modifiers));
    }

    /** The suite class {@code c} is, or is nested in; null when it belongs to none. */
    static Class<?> suiteOf(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (isSuite(k)) {
                return k;
            }
        }
        return null;
    }
}
