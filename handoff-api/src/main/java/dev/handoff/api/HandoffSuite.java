package dev.handoff.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JUnit Jupiter test class as a Handoff suite.
 *
 * <p>The class stays an ordinary Jupiter class: {@code @Test}, {@code @BeforeAll} (suite setup),
 * {@code @AfterAll} (teardown), {@code @Timeout}, {@code @ParameterizedTest}, {@code @Nested} and
 * extensions work unchanged. What changes is who runs it: the {@code handoff} test engine, which
 * adds attempts ({@link #maxAttempts()}, {@link MaxAttempts}), soft failures ({@link SoftFailure})
 * and a suite-wide {@link #timeout()}. The Jupiter engine leaves suite classes alone, so every test
 * runs exactly once per attempt. Suites need the {@code handoff-engine} on the test classpath.
 *
 * <p>Experimental since 0.1. Unlike the other public types it carries no {@code @API}: Jupiter
 * searches a test's annotations and theirs many times per test, see ARCHITECTURE.md.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface HandoffSuite {

    /** The suite's name; empty means the class's simple name. Names are unique in a daemon. */
    String name() default "";

    /** Groups suites, for example by team or system under test. */
    String namespace() default "default";

    /** What the suite checks, in Markdown. */
    String description() default "";

    /** Free-form labels such as {@code "smoke"} or {@code "team=payments"}. */
    String[] labels() default {};

    /**
     * How many times a failing test runs before its failure counts; 1 means no retry. A test
     * method can override it with {@link MaxAttempts}; the configuration parameter {@code
     * handoff.maxAttempts} overrides both.
     */
    int maxAttempts() default 1;

    /**
     * Bounds the whole suite run, attempts included: {@code "30s"}, {@code "5m"}, {@code "1h30m"},
     * {@code "500ms"} or ISO-8601 such as {@code "PT2M"}. Empty means no bound. When it passes, the
     * running test is interrupted and every test not finished is reported failed with the reason
     * {@code "suite timeout 5m exceeded"}.
     */
    String timeout() default "";

    /**
     * How many runs of this suite a daemon (or the replicas of a cluster together) may execute at
     * once. 1, the default, runs them one after another, as suites usually share the system under
     * test's state; a suite whose tests do not get in each other's way may allow more.
     */
    int concurrentRuns() default 1;
}
