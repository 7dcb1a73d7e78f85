package dev.handoff.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The container of repeated {@link Schedule} annotations; write {@code @Schedule} twice instead. *
 * <p>Experimental since 0.1. Unlike the other public types it carries no {@code @API}: Jupiter
 * searches a test's annotations and theirs many times per test, see ARCHITECTURE.md.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Schedules {

    Schedule[] value();
}
