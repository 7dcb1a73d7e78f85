package dev.handoff.daemon.web;

import static dev.handoff.daemon.web.ApiFixture.attempt;
import static dev.handoff.daemon.web.ApiFixture.finishedRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.model.AttemptResult;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code HEAD} of any {@code GET} route answers what the {@code GET} would, without a body. Read off
 * a raw socket: a {@code HEAD} and then a {@code GET /healthz} on one kept-alive connection, so that
 * a single body byte sent after the {@code HEAD}'s headers shows up in front of the second response.
 */
class HeadRequestsTests {

    private final ApiFixture api = new ApiFixture();

    @BeforeEach
    void run() {
        RunId run = new RunId("checkout", 1);
        api.store.add(finishedRun("checkout", 1, RunResult.PASSED));
        api.store.add(run, attempt("pays", 1, AttemptResult.PASSED));
        api.junitXml.put(run, "<testsuite name=\"checkout\"/>");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/suites",
                "/suites/checkout",
                "/suites/checkout/runs",
                "/suites/checkout/runs/1",
                "/suites/checkout/runs/1/junit.xml",
                "/suites/checkout/runs/1/tests/pays",
                "/suites/checkout/tests/pays",
                "/schedules",
                "/healthz",
                "/ready",
                "/metrics",
                "/openapi.yaml",
                "/login"
            })
    void headOfAGetRouteHasItsStatusAndHeadersAndNoBody(String path) {
        Exchange get = exchange("GET", path, "application/json");
        Exchange head = exchange("HEAD", path, "application/json");

        assertThat(head.status()).as(path).isEqualTo(get.status()).isEqualTo(200);
        assertThat(head.header("content-type")).as(path).isEqualTo(get.header("content-type"));
        assertThat(head.header("content-length")).as(path).isEqualTo(get.header("content-length"));
        assertThat(head.header("content-length")).as(path).isNotEqualTo("0");
        assertThat(head.header("cache-control")).as(path).isEqualTo(get.header("cache-control"));
        assertThat(head.header("content-security-policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(head.bytesAfterHead()).as(path).isEmpty();
    }

    @Test
    void headOfAPageHasThePagesLengthAndNoBody() {
        Exchange get = exchange("GET", "/suites/checkout/runs/1", "text/html");
        Exchange head = exchange("HEAD", "/suites/checkout/runs/1", "text/html");

        assertThat(head.header("content-type")).startsWith("text/html").isEqualTo(get.header("content-type"));
        assertThat(head.header("content-length")).isEqualTo(get.header("content-length"));
        assertThat(head.bytesAfterHead()).isEmpty();
    }

    @Test
    void headOfAnUnknownRunIsNotFoundWithoutItsProblem() {
        Exchange head = exchange("HEAD", "/suites/checkout/runs/99", "application/json");

        assertThat(head.status()).isEqualTo(404);
        assertThat(head.header("content-type")).startsWith("application/problem+json");
        assertThat(head.bytesAfterHead()).isEmpty();
    }

    @Test
    void headOfAPostOnlyPathIsMethodNotAllowedWithoutABody() {
        Exchange head = exchange("HEAD", "/suites/checkout/runs/1/retry", "application/json");

        assertThat(head.status()).isEqualTo(405);
        assertThat(head.header("allow")).isEqualTo("POST");
        assertThat(head.bytesAfterHead()).isEmpty();
    }

    @Test
    void allowNamesHeadWhereGetIs() {
        Exchange delete = exchange("DELETE", "/suites", "application/json");

        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.header("allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void headOfAnEventStreamAnswersAndSendsNoEvent() {
        Exchange head = exchange("HEAD", "/suites/checkout/runs/1/events", "text/event-stream");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("content-type")).startsWith("text/event-stream");
        assertThat(head.bytesAfterHead()).isEmpty();
    }

    /**
     * A response's head, and what the connection carried after it before the next request's
     * response ({@code GET /healthz}, sent once the head was read) began.
     */
    private record Exchange(int status, Map<String, String> headers, String bytesAfterHead) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private Exchange exchange(String method, String path, String accept) {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + accept + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            if (!method.equals("HEAD")) {
                in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            }
            out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String rest = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int next = rest.indexOf("HTTP/1.1 ");
            return new Exchange(status, headers, next < 0 ? rest : rest.substring(0, next));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the connection ended inside the head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1).strip();
    }
}
