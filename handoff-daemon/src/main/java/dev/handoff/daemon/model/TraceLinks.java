package dev.handoff.daemon.model;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The links from an attempt to its trace and to its logs, made from the daemon's {@code
 * --trace-url} and {@code --logs-url} templates. Placeholders: {@code {traceId}}, {@code {start}}
 * and {@code {end}} (the attempt's, in epoch milliseconds, widened by a minute each way so that
 * the system under test's late spans and lines are inside), {@code {suite}} and {@code {test}};
 * every value is URL-encoded.
 */
@API(status = API.Status.EXPERIMENTAL)
public record TraceLinks(Optional<String> traceTemplate, Optional<String> logsTemplate) {

    public static final TraceLinks NONE = new TraceLinks(Optional.empty(), Optional.empty());

    private static final long MARGIN_MILLIS = 60_000;

    public TraceLinks {
        Objects.requireNonNull(traceTemplate, "traceTemplate");
        Objects.requireNonNull(logsTemplate, "logsTemplate");
    }

    /** The attempt's trace; empty without a template or a trace id. */
    public Optional<URI> trace(String suite, Attempt attempt) {
        return link(traceTemplate, suite, attempt);
    }

    /** The logs of the attempt's trace; empty without a template or a trace id. */
    public Optional<URI> logs(String suite, Attempt attempt) {
        return link(logsTemplate, suite, attempt);
    }

    private static Optional<URI> link(Optional<String> template, String suite, Attempt attempt) {
        if (template.isEmpty() || attempt.traceId().isEmpty()) {
            return Optional.empty();
        }
        String url = template.get()
                .replace("{traceId}", encode(attempt.traceId().get()))
                .replace("{start}", Long.toString(attempt.startedAt().toEpochMilli() - MARGIN_MILLIS))
                .replace("{end}", Long.toString(attempt.finishedAt().toEpochMilli() + MARGIN_MILLIS))
                .replace("{suite}", encode(suite))
                .replace("{test}", encode(attempt.test()));
        try {
            return Optional.of(URI.create(escapeIllegal(url)));
        } catch (IllegalArgumentException notAUrl) {
            return Optional.empty();
        }
    }

    /** Templates copied from a browser may hold characters a URI may not (Grafana's JSON): they are escaped. */
    private static String escapeIllegal(String url) {
        StringBuilder escaped = new StringBuilder(url.length());
        for (char c : url.toCharArray()) {
            if ("\"{}|\\^`<> ".indexOf(c) >= 0) {
                escaped.append('%').append(String.format("%02X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
