package dev.handoff.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test whose failure is recorded but does not fail its run: the test is reported as a
 * soft failure (under Surefire: skipped, with the failure message) and the suite run can still
 * pass. Use it for checks you want to watch before they gate anything. {@link
 * HandoffContext#softFailure()} does the same from inside the test, for one attempt.
 *
 * <p>Experimental since 0.1. Unlike the other public types it carries no {@code @API}: Jupiter
 * searches a test's annotations and theirs many times per test, see ARCHITECTURE.md.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SoftFailure {}
