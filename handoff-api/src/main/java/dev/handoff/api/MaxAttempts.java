package dev.handoff.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides {@link HandoffSuite#maxAttempts()} for one test: a failed attempt is retried until the
 * test passes or this many attempts have run.
 *
 * <p>Experimental since 0.1. Unlike the other public types it carries no {@code @API}: Jupiter
 * searches a test's annotations and theirs many times per test, see ARCHITECTURE.md.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MaxAttempts {

    /** The number of attempts, at least 1. */
    int value();
}
