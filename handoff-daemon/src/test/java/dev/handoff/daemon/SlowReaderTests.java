package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.daemon.fixtures.BigLogSuite;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that reads a large response slower than the daemon writes it gets every byte, and the
 * connection closes as soon as the response is complete (Helidon 4.4.0 lost the end of such
 * responses and then held the connection for minutes).
 */
class SlowReaderTests {

    /** About 1 MB/s: well under the ~2.5 MB/s below which Helidon 4.4.0 cut responses. */
    private static final int CHUNK = 16 * 1024;

    private static final Duration CHUNK_PAUSE = Duration.ofMillis(16);

    @TempDir
    Path dataDir;

    private Handoff handoff;

    @AfterEach
    void stop() {
        if (handoff != null) {
            handoff.close();
        }
    }

    @Test
    void aSlowReaderGetsEveryByteOfAnEightMegabyteLogAndThenTheConnectionCloses() throws Exception {
        handoff = Daemons.started(Daemons.local(dataDir, BigLogSuite.class));
        Daemons http = new Daemons(handoff.url());
        long run = http.trigger("BigLogSuite", "");
        assertThat(http.awaitFinished("BigLogSuite", run).get("result").asText())
                .isEqualTo("passed");

        byte[] response;
        long closedAfterBodyMillis;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(32 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", handoff.url().getPort()), 5000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /suites/BigLogSuite/runs/" + run + "/tests/logsEightMegabytes HTTP/1.1\r\n"
                            + "Host: 127.0.0.1:" + handoff.url().getPort() + "\r\n"
                            + "Accept: application/json\r\n"
                            + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            SlowRead read = slowRead(socket.getInputStream());
            response = read.bytes();
            closedAfterBodyMillis = read.closedAfterMillis();
        }

        String text = new String(response, StandardCharsets.UTF_8);
        int headersEnd = text.indexOf("\r\n\r\n");
        String head = text.substring(0, headersEnd).toLowerCase(Locale.ROOT);
        assertThat(head).startsWith("http/1.1 200");
        long declared = Long.parseLong(head.replaceAll("(?s).*content-length: *(\\d+).*", "$1"));
        byte[] body = java.util.Arrays.copyOfRange(
                response, text.substring(0, headersEnd + 4).getBytes(StandardCharsets.UTF_8).length, response.length);
        assertThat(declared).as("the response is large").isGreaterThan(8_000_000);
        assertThat((long) body.length).as("every byte of the body arrives").isEqualTo(declared);
        JsonNode test = new ObjectMapper().readTree(body);
        String log = test.toString();
        for (int number = 0; number < BigLogSuite.LINES; number += 997) {
            assertThat(log).contains(BigLogSuite.line(number));
        }
        assertThat(log).contains(BigLogSuite.line(BigLogSuite.LINES - 1));
        assertThat(closedAfterBodyMillis)
                .as("the daemon closes the connection promptly, as the client asked")
                .isLessThan(2000);
    }

    /** What a slow reader got, and how long after the last byte the connection closed. */
    private record SlowRead(byte[] bytes, long closedAfterMillis) {}

    private static SlowRead slowRead(InputStream in) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[CHUNK];
        long lastByte = System.nanoTime();
        while (true) {
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException e) {
                return new SlowRead(got.toByteArray(), Long.MAX_VALUE);
            }
            if (read < 0) {
                return new SlowRead(got.toByteArray(), (System.nanoTime() - lastByte) / 1_000_000);
            }
            got.write(buffer, 0, read);
            lastByte = System.nanoTime();
            Thread.sleep(CHUNK_PAUSE);
        }
    }
}
