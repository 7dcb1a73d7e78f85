package dev.handoff.daemon.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Traces of runs: where spans are exported, and the link templates from an attempt to its trace
 * and logs.
 *
 * @param otlpEndpoint {@code --otlp-endpoint}; when empty, the standard {@code OTEL_*} variables
 *     decide, and without those nothing is exported
 * @param traceUrl {@code --trace-url}, with {@code {traceId}} and the other placeholders
 * @param logsUrl {@code --logs-url}
 */
@API(status = API.Status.EXPERIMENTAL)
public record TracingConfig(Optional<URI> otlpEndpoint, Optional<String> traceUrl, Optional<String> logsUrl) {

    public TracingConfig {
        Objects.requireNonNull(otlpEndpoint, "otlpEndpoint");
        Objects.requireNonNull(traceUrl, "traceUrl");
        Objects.requireNonNull(logsUrl, "logsUrl");
    }

    static TracingConfig of(Values values) {
        return new TracingConfig(
                values.find(Settings.OTLP_ENDPOINT), values.find(Settings.TRACE_URL), values.find(Settings.LOGS_URL));
    }

    /** Leaves the endpoint out: it may carry a credential. */
    @Override
    public String toString() {
        return "TracingConfig[otlpEndpoint=" + (otlpEndpoint.isPresent() ? "set" : "none") + ", traceUrl=" + traceUrl
                + ", logsUrl=" + logsUrl + "]";
    }
}
