package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send slowly or never finish, and event streams: none of them holds the daemon's
 * connections or threads for long, and a stream sends only what changed.
 */
class SlowClientTests {

    @TempDir
    Path dataDir;

    private Handoff handoff;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        SlowSuite.release.countDown();
        for (Socket socket : sockets) {
            socket.close();
        }
        if (handoff != null) {
            handoff.close();
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", handoff.port()), 5000);
        return socket;
    }

    @Test
    void fiftyClientsThatStallMidRequestOrIdleAfterOneAreCutOffWhileOthersAreServed() throws Exception {
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class));
        List<Socket> stalled = new ArrayList<>();
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Socket socket = connect();
            socket.getOutputStream()
                    .write("GET /suites HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            stalled.add(socket);
            Socket kept = connect();
            kept.getOutputStream()
                    .write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            idle.add(kept);
        }
        Instant start = Instant.now();
        // Helidon's defaults: 30 s for a stalled request, 5 to 7 minutes for a kept-alive connection nobody uses.
        Instant deadline = start.plusSeconds(35);
        List<Socket> open = new ArrayList<>(sockets);
        while (!open.isEmpty() && Instant.now().isBefore(deadline)) {
            open.removeIf(SlowClientTests::closedByTheDaemon);
            assertThat(stalled.stream().filter(open::contains).count() == 0
                            || Duration.between(start, Instant.now()).toSeconds() < 16)
                    .as("stalled requests closed within the 10 s read timeout (and a check's slack)")
                    .isTrue();
            assertThat(new Daemons(handoff.url()).get("/healthz").status())
                    .as("a client that sends its request gets its answer meanwhile")
                    .isEqualTo(200);
            Thread.sleep(1000);
        }

        assertThat(open)
                .as("connections the daemon still holds after %s", Duration.between(start, Instant.now()))
                .isEmpty();
    }

    /** Whether reading finds the connection closed (or reset); a read that only times out means it is open. */
    private static boolean closedByTheDaemon(Socket socket) {
        try {
            socket.setSoTimeout(50);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                int read = in.read(buffer);
                if (read < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void aClientThatAsksToCloseFindsTheConnectionClosedAfterTheAnswer() {
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class));

        RawHttp.Reply reply = RawHttp.get(handoff.port(), "127.0.0.1", "/healthz");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Connection")).isEqualTo("close");
        assertThat(reply.closed()).isTrue();
    }

    @Test
    void aRunsEventStreamSendsTheLivePartOnlyWhenTheRunChanges() throws Exception {
        SlowSuite.release = new CountDownLatch(1);
        handoff = Daemons.started(Daemons.local(dataDir, SlowSuite.class));
        Daemons http = new Daemons(handoff.url());
        long run = http.trigger("SlowSuite", "");
        http.await("SlowSuite", run, r -> r.get("result").asText().equals("running"), "running");
        Thread.sleep(1500);

        String events = read(openStream("/suites/SlowSuite/runs/" + run + "/events"), Duration.ofSeconds(5));

        assertThat(events).startsWith("HTTP/1.1 200");
        assertThat(events.split("event: update", -1))
                .as("updates in 5 s of a run whose test waits: only the first: %s", events)
                .hasSize(2);
    }

    @Test
    void aClientBeyondEightEventStreamsGets429() throws Exception {
        SlowSuite.release = new CountDownLatch(1);
        handoff = Daemons.started(Daemons.local(dataDir, SlowSuite.class));
        Daemons http = new Daemons(handoff.url());
        long run = http.trigger("SlowSuite", "");
        http.await("SlowSuite", run, r -> r.get("result").asText().equals("running"), "running");
        String path = "/suites/SlowSuite/runs/" + run + "/events";
        for (int i = 0; i < 8; i++) {
            assertThat(read(openStream(path), Duration.ofMillis(700))).startsWith("HTTP/1.1 200");
        }

        String refused = read(openStream(path), Duration.ofSeconds(2));

        assertThat(refused).startsWith("HTTP/1.1 429").contains("application/problem+json", "\"parameter\":\"events\"");
        sockets.get(0).close();
        // The daemon notices a reader left at its next write: a keep-alive comment every 5 s.
        Instant deadline = Instant.now().plusSeconds(12);
        String again = "";
        while (!again.startsWith("HTTP/1.1 200") && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            again = read(openStream(path), Duration.ofMillis(700));
        }
        assertThat(again).as("a stream once a page closed one").startsWith("HTTP/1.1 200");
    }

    private Socket openStream(String path) throws IOException {
        Socket socket = connect();
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** What arrives on the socket within {@code time}. */
    private static String read(Socket socket, Duration time) throws IOException {
        StringBuilder got = new StringBuilder();
        Instant end = Instant.now().plus(time);
        byte[] buffer = new byte[8192];
        InputStream in = socket.getInputStream();
        while (Instant.now().isBefore(end)) {
            socket.setSoTimeout(
                    (int) Math.max(1, Duration.between(Instant.now(), end).toMillis()));
            try {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                got.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        return got.toString();
    }
}
