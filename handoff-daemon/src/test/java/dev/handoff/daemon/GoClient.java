package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The Go project's client ({@code github.com/raphi011/handoff/client}) as the daemon sees it: the
 * bytes Go's {@code net/http} puts on the wire for its three calls (paths and queries unescaped, as
 * its {@code fmt.Sprintf} builds them; {@code User-Agent}, {@code Accept: application/json}, {@code
 * Accept-Encoding: gzip}), and answers decoded as Go's {@code encoding/json} decodes them into its
 * structs: field names matched without regard to case, unknown fields ignored, a value of another
 * JSON type refused (Go's {@code UnmarshalTypeError}), times as RFC 3339 strings.
 */
final class GoClient {

    /** Go's decoder, as near as Jackson comes: case-insensitive names, no coercion between types. */
    static final ObjectMapper GO_JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
            .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
            .build();

    /** {@code model.TestSuiteRunHTTP}, field for field. */
    record TestSuiteRun(
            int id,
            String suiteName,
            String result,
            String testFilter,
            String reference,
            int tests,
            OffsetDateTime scheduled,
            OffsetDateTime start,
            OffsetDateTime end,
            long durationInMs,
            String setupLogs,
            String triggeredBy,
            String environment,
            List<TestRun> testResults) {}

    /** {@code model.TestRunHTTP}, field for field ({@code Context} is {@code map[string]any}). */
    record TestRun(
            String suiteName,
            int suiteRunId,
            String name,
            String result,
            int attempt,
            boolean softFailure,
            String logs,
            OffsetDateTime start,
            OffsetDateTime end,
            long durationInMs,
            Map<String, Object> context) {}

    /** The JSON type each Go field takes: Go's decoder refuses any other (null leaves the field zero). */
    enum GoType {
        NUMBER,
        STRING,
        BOOL,
        TIME,
        OBJECT,
        ARRAY
    }

    static final Map<String, GoType> TEST_SUITE_RUN = ordered(
            "id", GoType.NUMBER,
            "suiteName", GoType.STRING,
            "result", GoType.STRING,
            "testFilter", GoType.STRING,
            "reference", GoType.STRING,
            "tests", GoType.NUMBER,
            "scheduled", GoType.TIME,
            "start", GoType.TIME,
            "end", GoType.TIME,
            "durationInMs", GoType.NUMBER,
            "setupLogs", GoType.STRING,
            "triggeredBy", GoType.STRING,
            "environment", GoType.STRING,
            "testResults", GoType.ARRAY);

    static final Map<String, GoType> TEST_RUN = ordered(
            "suiteName", GoType.STRING,
            "suiteRunId", GoType.NUMBER,
            "name", GoType.STRING,
            "result", GoType.STRING,
            "attempt", GoType.NUMBER,
            "softFailure", GoType.BOOL,
            "logs", GoType.STRING,
            "start", GoType.TIME,
            "end", GoType.TIME,
            "durationInMs", GoType.NUMBER,
            "context", GoType.OBJECT);

    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return GO_JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        <T> T decode(Class<T> type) {
            try {
                return GO_JSON.readValue(body, type);
            } catch (IOException e) {
                throw new UncheckedIOException("Go's decoder refuses " + type.getSimpleName() + ": " + body, e);
            }
        }

        List<TestRun> decodeTestRuns() {
            try {
                return List.of(GO_JSON.readValue(body, TestRun[].class));
            } catch (IOException e) {
                throw new UncheckedIOException("Go's decoder refuses []TestRun: " + body, e);
            }
        }
    }

    private final int port;

    GoClient(int port) {
        this.port = port;
    }

    /** {@code CreateTestSuiteRun(ctx, suite, filter)}: {@code POST {host}/suites/%s/runs?filter=%s}. */
    Answer createTestSuiteRun(String base, String suite, String filter) {
        String path = base + "/suites/" + suite + "/runs" + (filter == null ? "" : "?filter=" + filter);
        return post(path, Map.of());
    }

    /** {@code GetTestSuiteRun(ctx, suite, runID)}: {@code GET {host}/suites/%s/runs/%d}. */
    Answer getTestSuiteRun(String base, String suite, long run) {
        return get(base + "/suites/" + suite + "/runs/" + run);
    }

    /** {@code GetTestRun(ctx, suite, runID, test)}: {@code GET {host}/suites/%s/runs/%d/test/%s}. */
    Answer getTestRun(String base, String suite, long run, String test) {
        return get(base + "/suites/" + suite + "/runs/" + run + "/test/" + test);
    }

    Answer get(String target) {
        return exchange("GET " + target + " HTTP/1.1\r\n" + "Host: 127.0.0.1:" + port + "\r\n"
                + "User-Agent: Go-http-client/1.1\r\n"
                + "Accept: application/json\r\n"
                + "Accept-Encoding: gzip\r\n\r\n");
    }

    /** A POST without a body, as Go's {@code http.NewRequest("POST", url, nil)} sends it, with extra headers. */
    Answer post(String target, Map<String, String> headers) {
        StringBuilder request = new StringBuilder("POST " + target + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:")
                .append(port)
                .append("\r\n")
                .append("User-Agent: Go-http-client/1.1\r\n")
                .append("Content-Length: 0\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Accept: application/json\r\n").append("Accept-Encoding: gzip\r\n\r\n");
        return exchange(request.toString());
    }

    /**
     * Checks a decoded object as Go's decoder would meet it: every field of the Go struct that
     * {@code required} names is present, and every key that matches a Go field (ignoring case) has
     * that field's JSON type or null.
     */
    static void assertGoDecodes(JsonNode object, Map<String, GoType> struct, List<String> required) {
        assertThat(object.isObject())
                .as("a Go struct decodes from an object: %s", object)
                .isTrue();
        for (String field : required) {
            assertThat(object.has(field)).as("field %s in %s", field, object).isTrue();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            struct.entrySet().stream()
                    .filter(field -> field.getKey().equalsIgnoreCase(entry.getKey()))
                    .findFirst()
                    .ifPresent(field -> assertThat(fits(entry.getValue(), field.getValue()))
                            .as(
                                    "JSON %s '%s' into Go's %s field %s",
                                    entry.getValue().getNodeType(), entry.getKey(), field.getValue(), field.getKey())
                            .isTrue());
        }
    }

    private static boolean fits(JsonNode value, GoType type) {
        if (value.isNull()) {
            return true;
        }
        return switch (type) {
            case NUMBER -> value.isIntegralNumber();
            case STRING -> value.isTextual();
            case BOOL -> value.isBoolean();
            case OBJECT -> value.isObject();
            case ARRAY -> value.isArray();
            case TIME -> value.isTextual() && parsesAsRfc3339(value.asText());
        };
    }

    private static boolean parsesAsRfc3339(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Answer exchange(String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String head = head(in);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.putIfAbsent(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            byte[] body = body(in, headers);
            if ("gzip".equalsIgnoreCase(headers.get("content-encoding"))) {
                // Go's transport asked for gzip, so it undoes it before the client sees the body.
                body = new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
            }
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the daemon closed before the end of the response head: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int length = Integer.parseInt(size.split(";")[0].strip(), 16);
                if (length == 0) {
                    line(in);
                    return body.toByteArray();
                }
                body.write(in.readNBytes(length));
                line(in);
            }
        }
        String length = headers.get("content-length");
        return length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static Map<String, GoType> ordered(Object... pairs) {
        Map<String, GoType> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (GoType) pairs[i + 1]);
        }
        return map;
    }
}
