package dev.handoff.engine.internal;

import dev.handoff.api.MaxAttempts;
import dev.handoff.api.SoftFailure;
import java.lang.annotation.Annotation;
import java.util.Optional;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * {@link SoftFailure} and {@link MaxAttempts} on a test method, directly or as meta-annotations
 * of the method's annotations (composed annotations). What each annotation type carries is
 * looked up once per type: a full meta-annotation search for every test costs more than the test
 * when tests are trivial.
 */
final class TestAnnotations {

    private static final ClassValue<Boolean> SOFT = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> annotationType) {
            return AnnotationSupport.isAnnotated(annotationType, SoftFailure.class);
        }
    };

    private static final ClassValue<Optional<MaxAttempts>> MAX_ATTEMPTS = new ClassValue<>() {
        @Override
        protected Optional<MaxAttempts> computeValue(Class<?> annotationType) {
            return AnnotationSupport.findAnnotation(annotationType, MaxAttempts.class);
        }
    };

    private TestAnnotations() {}

    /** Whether the annotations of a method ({@code getDeclaredAnnotations()}) make its failures soft. */
    static boolean isSoft(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof SoftFailure || SOFT.get(annotation.annotationType())) {
                return true;
            }
        }
        return false;
    }

    /** The {@code @MaxAttempts} among the annotations of a method ({@code getDeclaredAnnotations()}), if any. */
    static Optional<MaxAttempts> maxAttempts(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof MaxAttempts max) {
                return Optional.of(max);
            }
            Optional<MaxAttempts> meta = MAX_ATTEMPTS.get(annotation.annotationType());
            if (meta.isPresent()) {
                return meta;
            }
        }
        return Optional.empty();
    }
}
