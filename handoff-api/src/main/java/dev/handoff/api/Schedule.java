package dev.handoff.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@link HandoffSuite} on a schedule while a Handoff daemon serves it: on a cron expression
 * ({@link #cron()}) or at a fixed interval ({@link #every()}), exactly one of the two.
 *
 * <pre>{@code
 * @HandoffSuite
 * @Schedule(every = "5m", filter = "smoke.*")
 * @Schedule(name = "nightly", cron = "0 0 2 * * ?")
 * class CheckoutSuite { ... }
 * }</pre>
 *
 * <p>A scheduled run is like any other run, initiated by {@code schedule:NAME}. A fire while the
 * schedule's previous run still waits to start is skipped (and counted), so at most one run of a
 * schedule waits. After the daemon was down, a schedule fires once, not once per missed tick.
 * Declared schedules can be paused and resumed over the daemon's API but not deleted: they belong
 * to the code. Surefire ignores this annotation.
 *
 * <p>Experimental since 0.1. Unlike the other public types it carries no {@code @API}: Jupiter
 * searches a test's annotations and theirs many times per test, see ARCHITECTURE.md.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(Schedules.class)
public @interface Schedule {

    /**
     * The schedule's name, unique in a daemon and used in URLs; empty means the suite's name for a
     * suite's first schedule, then the suite's name with {@code -2}, {@code -3} ... in the order
     * the schedules are written.
     */
    String name() default "";

    /**
     * A Quartz cron expression with seconds, such as {@code 0 *}{@code /5 * * * ?} (every five
     * minutes), or the Go project's forms: six fields with seconds ({@code 0 *}{@code /5 * * * *},
     * day-of-week 0 = Sunday), {@code @daily} and the other descriptors, {@code @every 1.5s};
     * evaluated in the daemon's time zone.
     */
    String cron() default "";

    /**
     * A fixed interval, at least one second: {@code 30s}, {@code 5m}, {@code 1h}, {@code 1h30m},
     * {@code 1.5s}; the form {@code @every 5m} is accepted too. The first fire is one interval after the daemon
     * registered the schedule.
     */
    String every() default "";

    /** A regular expression over test names ({@code find}); empty runs every test of the suite. */
    String filter() default "";

    /** Retires the schedule after this many runs; 0 means no limit. */
    int maxRuns() default 0;

    /**
     * Retires the schedule at a time: a duration since the schedule started ({@code 2h}, {@code
     * 7d}) or an ISO-8601 instant ({@code 2026-12-31T23:00:00Z}); empty means never.
     */
    String until() default "";

    /** A disabled schedule is not registered (and a registered one is removed at the next start). */
    boolean enabled() default true;
}
