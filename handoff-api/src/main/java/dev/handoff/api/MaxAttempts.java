package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Overrides {@link HandoffSuite#maxAttempts()} for one test: a failed attempt is retried until the
 * test passes or this many attempts have run.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MaxAttempts {

    /** The number of attempts, at least 1. */
    int value();
}
