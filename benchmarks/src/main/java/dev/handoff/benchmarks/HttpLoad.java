package dev.handoff.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop HTTP/1.1 load, as {@code wrk -c N} drives it: {@code connections} kept-alive
 * connections, each sending its next {@code GET} as soon as the previous response is read, for a
 * fixed time. Each connection is a virtual thread doing blocking socket reads, so that the client
 * costs little more than the bytes it moves; it reads only what it needs (status, {@code
 * Content-Length}, the body's bytes) and checks every status.
 */
final class HttpLoad {

    /** What one load measured: requests per second over the measured time, and each request's latency. */
    record Result(String path, long requests, Duration elapsed, Samples latencies) {
        double perSecond() {
            return requests / (elapsed.toNanos() / 1e9);
        }
    }

    private HttpLoad() {}

    /**
     * Drives {@code path} for {@code warmup} (not counted), then for {@code measured}.
     *
     * @throws IllegalStateException when a response is not {@code expectedStatus} or a connection fails
     */
    static Result run(URI base, String path, int connections, Duration warmup, Duration measured, int expectedStatus) {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                        + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measured.toNanos();
        AtomicLong requests = new AtomicLong();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Samples> perConnection = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Samples samples = new Samples(16_384);
            perConnection.add(samples);
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    drive(base, request, expectedStatus, measureFrom, end, requests, samples);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("GET " + path + ": " + failure.get().getMessage(), failure.get());
        }
        Samples all = new Samples((int) Math.min(Integer.MAX_VALUE - 8, Math.max(1, requests.get())));
        perConnection.forEach(samples -> samples.copyInto(all));
        return new Result(path, requests.get(), measured, all);
    }

    private static void drive(
            URI base,
            byte[] request,
            int expectedStatus,
            long measureFrom,
            long end,
            AtomicLong requests,
            Samples samples) {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            while (true) {
                long sent = System.nanoTime();
                if (sent >= end) {
                    return;
                }
                out.write(request);
                out.flush();
                int status = readResponse(in);
                long received = System.nanoTime();
                if (status != expectedStatus) {
                    throw new IllegalStateException("status " + status + ", expected " + expectedStatus);
                }
                if (sent >= measureFrom && received <= end) {
                    requests.incrementAndGet();
                    samples.add(received - sent);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response off the connection; returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int status = -1;
        long length = 0;
        while (true) {
            line.setLength(0);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("the daemon closed the connection");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            if (line.isEmpty()) {
                break;
            }
            if (status < 0) {
                status = Integer.parseInt(line.substring(9, 12));
            } else if (line.length() > 15
                    && line.substring(0, 15).toLowerCase(Locale.ROOT).equals("content-length:")) {
                length = Long.parseLong(line.substring(15).strip());
            }
        }
        long skipped = 0;
        while (skipped < length) {
            long n = in.skip(length - skipped);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new IOException("the daemon closed the connection inside a body");
                }
                n = 1;
            }
            skipped += n;
        }
        return status;
    }
}
