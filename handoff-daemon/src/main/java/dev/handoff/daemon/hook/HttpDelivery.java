package dev.handoff.daemon.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs JSON to a receiver (Slack, PagerDuty, GitHub, a webhook), trying again with growing pauses
 * when it is unreachable or answers 408, 429 or 5xx. Receivers' URLs and tokens are secrets: no
 * message names the URL, only the hook and what the receiver answered.
 */
final class HttpDelivery {

    private static final System.Logger LOG = System.getLogger(HttpDelivery.class.getName());
    static final int ATTEMPTS = 4;
    static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final String hook;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

    HttpDelivery(String hook) {
        this.hook = hook;
    }

    /** The body as compact JSON. */
    static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the hook's JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param what the event, for messages ("run 7 of suite 'checkout'")
     * @throws UncheckedIOException when every attempt failed, or the receiver refused the request
     */
    void post(URI uri, String contentType, Map<String, String> headers, byte[] body, String what) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", contentType)
                .header("User-Agent", "handoff")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        Duration pause = FIRST_PAUSE;
        String problem = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return;
                }
                problem = "the receiver answered " + status + summary(response.body());
                if (status != 408 && status != 429 && status < 500) {
                    throw new UncheckedIOException(new IOException(problem));
                }
            } catch (IOException e) {
                problem = "the receiver could not be reached (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted while delivering " + what));
            }
            if (attempt < ATTEMPTS) {
                LOG.log(
                        Level.INFO,
                        "hook '%s' will try %s again in %d ms: %s".formatted(hook, what, pause.toMillis(), problem));
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UncheckedIOException(new IOException("interrupted while delivering " + what));
                }
                pause = pause.multipliedBy(2);
            }
        }
        throw new UncheckedIOException(
                new IOException("gave up on " + what + " after " + ATTEMPTS + " attempts: " + problem));
    }

    /** The start of an error body: services say what was wrong there (and never echo the URL's token). */
    private static String summary(String body) {
        String line = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return line.isEmpty() ? "" : ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
    }
}
