package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a test knows about the run it is part of, and how it adds to what is recorded.
 *
 * <p>Declare it as a parameter of a {@code @Test}, {@code @BeforeEach}, {@code @AfterEach}, {@code
 * @BeforeAll} or {@code @AfterAll} method of a {@link HandoffSuite} class. Within one attempt the
 * before-each, test and after-each methods share one context, so values set in setup are visible
 * in the test. In {@code @BeforeAll}/{@code @AfterAll} the context belongs to the suite: {@link
 * #testName()} is empty and what it records goes to the run's setup logs.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface HandoffContext {

    /** The current attempt of the test, starting at 1. */
    int attempt();

    /** The suite's name ({@link HandoffSuite#name()} or the class's simple name). */
    String suiteName();

    /**
     * The test's name: its method name, prefixed by the names of enclosing {@code @Nested} classes
     * ({@code "Checkout/placesOrder"}); empty in suite setup and teardown.
     */
    String testName();

    /** The run's number within its suite (1, 2, 3 ...); 0 when the daemon did not start the run. */
    long runNumber();

    /**
     * Adds a line to the attempt's log. With arguments the line is {@code String.format(format,
     * args)}; without, {@code format} is taken as it is.
     */
    void log(String format, Object... args);

    /**
     * Marks the current attempt soft: if the test then fails, the failure is recorded but does not
     * fail the run.
     */
    void softFailure();

    /** Stores a value with the attempt (shown with its results); replaces an earlier value. */
    void setValue(String key, Object value);

    /** A value set earlier in this attempt (or, for setup, in this suite run). */
    Optional<Object> value(String key);

    /**
     * Starts a span. {@code keyValues} are attribute pairs: key, value, key, value ...
     *
     * @throws IllegalArgumentException when {@code keyValues} has an odd length or a key is not a
     *     string
     */
    Span startSpan(String name, Object... keyValues);

    /**
     * The W3C trace context of the current span (the innermost open {@link #startSpan} span, else
     * the attempt's span): {@code traceparent} and, when there is one, {@code tracestate}. Send
     * them with requests to the system under test so that its spans join the attempt's trace.
     * Empty when the attempt is not traced (no OpenTelemetry SDK set up: see the README's
     * "Traces").
     */
    default Map<String, String> traceHeaders() {
        return Map.of();
    }

    /** The attempt's trace id (32 hex digits); empty when the attempt is not traced. */
    default Optional<String> traceId() {
        return Optional.empty();
    }

    /**
     * Adds {@link #traceHeaders()} to a {@code java.net.http} request and returns the builder:
     * {@code client.send(context.withTraceHeaders(HttpRequest.newBuilder(uri)).build(), ...)}.
     */
    default HttpRequest.Builder withTraceHeaders(HttpRequest.Builder request) {
        traceHeaders().forEach(request::setHeader);
        return request;
    }

    /**
     * A run parameter: what the daemon or the configuration parameter {@code handoff.param.KEY}
     * passed for {@code key}.
     */
    Optional<String> parameter(String key);
}
