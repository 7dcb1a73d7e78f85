package dev.handoff.engine.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.handoff.engine.HandoffTestEngine;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * Which OpenTelemetry the engine's spans go to, in this order:
 *
 * <ol>
 *   <li>the one a host in the same JVM registered (the daemon, running suites in its own JVM),
 *       named by {@value HandoffTestEngine#TRACER};
 *   <li>an SDK of the engine's own, configured as OpenTelemetry's autoconfiguration does (the
 *       standard {@code OTEL_*} variables), when {@value HandoffTestEngine#OTLP_ENDPOINT} or
 *       {@code OTEL_EXPORTER_OTLP_ENDPOINT} names a collector or a parent trace is given (a run
 *       forked by the daemon) and the SDK is on the class path: under Surefire it is an optional
 *       dependency, so a build without it pays nothing;
 *   <li>otherwise {@link GlobalOpenTelemetry}: a no-op unless the OpenTelemetry Java agent runs.
 * </ol>
 */
@API(status = INTERNAL, since = "0.1")
public final class EngineTracing {

    private static final Map<String, OpenTelemetry> REGISTERED = new ConcurrentHashMap<>();
    private static final String SDK_CLASS = "io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk";
    private static volatile OpenTelemetry own;
    private static volatile boolean warned;

    private EngineTracing() {}

    /** Makes {@code openTelemetry} the one executions naming the returned key use. */
    public static String register(OpenTelemetry openTelemetry) {
        String key = UUID.randomUUID().toString();
        REGISTERED.put(key, openTelemetry);
        return key;
    }

    public static void unregister(String key) {
        REGISTERED.remove(key);
    }

    static OpenTelemetry openTelemetry(ConfigurationParameters parameters) {
        Optional<OpenTelemetry> registered =
                parameters.get(HandoffTestEngine.TRACER).map(REGISTERED::get);
        if (registered.isPresent()) {
            return registered.get();
        }
        Optional<String> endpoint = parameters
                .get(HandoffTestEngine.OTLP_ENDPOINT)
                .map(String::trim)
                .filter(e -> !e.isEmpty());
        boolean wanted = endpoint.isPresent()
                || endpointInEnvironment()
                || parameters.get(HandoffTestEngine.TRACE_PARENT).isPresent();
        if (!wanted) {
            return GlobalOpenTelemetry.get();
        }
        if (!sdkPresent()) {
            if (endpoint.isPresent() && !warned) {
                warned = true;
                System.err.println(
                        "handoff: " + HandoffTestEngine.OTLP_ENDPOINT
                                + " is set but the OpenTelemetry SDK is not on the class path; spans are not exported."
                                + " Add io.opentelemetry:opentelemetry-sdk, opentelemetry-sdk-extension-autoconfigure,"
                                + " opentelemetry-exporter-otlp and opentelemetry-exporter-sender-jdk to the test dependencies.");
            }
            return GlobalOpenTelemetry.get();
        }
        return ownSdk(endpoint.orElse(null));
    }

    /** One SDK per JVM (the first execution's settings), flushed when the JVM exits. */
    private static synchronized OpenTelemetry ownSdk(String endpoint) {
        if (own == null) {
            own = OtlpSetup.forEngine(endpoint);
        }
        return own;
    }

    /** Whether the standard variables (or their system properties) name a collector. */
    static boolean endpointInEnvironment() {
        for (String name : new String[] {"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"}) {
            String property = name.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
            String value = System.getProperty(property, System.getenv(name));
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static boolean sdkPresent() {
        try {
            Class.forName(SDK_CLASS, false, EngineTracing.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
