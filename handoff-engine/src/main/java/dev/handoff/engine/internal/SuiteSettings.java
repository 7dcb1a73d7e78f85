package dev.handoff.engine.internal;

import dev.handoff.api.HandoffSuite;
import dev.handoff.api.MaxAttempts;
import dev.handoff.api.internal.Durations;
import dev.handoff.api.internal.TestNames;
import dev.handoff.engine.HandoffTestEngine;
import dev.handoff.engine.StopSignal;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * A suite's settings for one run: its annotation, overridden by configuration parameters. Every
 * invalid value is rejected with a message naming where it came from.
 */
record SuiteSettings(
        String name,
        int maxAttempts,
        Optional<Integer> maxAttemptsOverride,
        Optional<Duration> timeout,
        Optional<Pattern> filter,
        Duration grace,
        boolean logToConsole,
        boolean outputToConsole,
        Optional<StopSignal> stopSignal) {

    private static final String FILTER = HandoffTestEngine.FILTER;
    private static final String MAX_ATTEMPTS = HandoffTestEngine.MAX_ATTEMPTS;
    private static final String GRACE = HandoffTestEngine.TIMEOUT_GRACE;

    static SuiteSettings of(Class<?> suiteClass, ConfigurationParameters configuration) {
        HandoffSuite suite =
                AnnotationSupport.findAnnotation(suiteClass, HandoffSuite.class).orElseThrow();
        String where = "@HandoffSuite on " + suiteClass.getName();
        if (suite.maxAttempts() < 1) {
            throw new IllegalArgumentException(where + ": maxAttempts must be at least 1, got " + suite.maxAttempts());
        }
        Optional<Duration> timeout = Optional.empty();
        if (!suite.timeout().isBlank()) {
            Duration limit = duration(suite.timeout(), where + ": timeout");
            if (limit.isZero() || limit.compareTo(Duration.ofDays(365)) > 0) {
                throw new IllegalArgumentException(
                        where + ": timeout must be more than 0 and at most 365 days, got '" + suite.timeout() + "'");
            }
            timeout = Optional.of(limit);
        }
        Optional<Integer> override = configuration
                .get(MAX_ATTEMPTS)
                .map(String::trim)
                .map(value -> {
                    try {
                        int n = Integer.parseInt(value);
                        if (n >= 1) {
                            return n;
                        }
                    } catch (NumberFormatException ignored) {
                        // reported below
                    }
                    throw new IllegalArgumentException(
                            MAX_ATTEMPTS + " must be a whole number of at least 1, got '" + value + "'");
                });
        Optional<Pattern> filter = configuration
                .get(FILTER)
                .filter(f -> !f.isEmpty())
                .map(f -> {
                    try {
                        return Pattern.compile(f);
                    } catch (PatternSyntaxException e) {
                        throw new IllegalArgumentException(FILTER + " '" + f + "' is not a valid regular expression: "
                                + e.getDescription() + " near index " + e.getIndex());
                    }
                });
        configuration.get(HandoffTestEngine.RUN_NUMBER).map(String::trim).ifPresent(number -> {
            if (!number.matches("\\d{1,18}")) {
                throw new IllegalArgumentException(
                        HandoffTestEngine.RUN_NUMBER + " must be a whole number of at least 0, got '" + number + "'");
            }
        });
        Duration grace = configuration.get(GRACE).map(g -> duration(g, GRACE)).orElse(Duration.ofSeconds(5));
        boolean logToConsole =
                configuration.getBoolean(HandoffTestEngine.LOG_TO_CONSOLE).orElse(true);
        boolean outputToConsole =
                configuration.getBoolean(HandoffTestEngine.OUTPUT_TO_CONSOLE).orElse(true);
        // A signal closed before the suite starts no longer matters: its execution is over.
        Optional<StopSignal> stopSignal =
                configuration.get(HandoffTestEngine.STOP_SIGNAL).flatMap(StopSignal::find);
        return new SuiteSettings(
                TestNames.suiteName(suiteClass),
                suite.maxAttempts(),
                override,
                timeout,
                filter,
                grace,
                logToConsole,
                outputToConsole,
                stopSignal);
    }

    /** The test's attempts: the configuration override, else {@link MaxAttempts}, else the suite's. */
    int maxAttemptsFor(Method method, Annotation[] annotations) {
        if (maxAttemptsOverride.isPresent()) {
            return maxAttemptsOverride.get();
        }
        Optional<MaxAttempts> annotation = TestAnnotations.maxAttempts(annotations);
        if (annotation.isPresent() && annotation.get().value() < 1) {
            throw new IllegalArgumentException(
                    "@MaxAttempts on " + method.getDeclaringClass().getName() + "." + method.getName()
                            + " must be at least 1, got " + annotation.get().value());
        }
        return annotation.map(MaxAttempts::value).orElse(maxAttempts);
    }

    /** Why the suite must stop now from outside; empty while it may go on. */
    Optional<String> stopRequested() {
        return stopSignal.flatMap(StopSignal::reason);
    }

    /** {@code "suite timeout 5m exceeded"} */
    String timeoutReason() {
        return "suite timeout " + timeout.map(Durations::format).orElse("") + " exceeded";
    }

    private static Duration duration(String text, String where) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }
}
