package dev.handoff.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code handoff serve} child process as the startup benchmark watches it: started with the
 * clock running, its port read from the line it prints once listening, {@code /ready} polled
 * every {@value #POLL_MILLIS} ms, and its resident memory read from {@code /proc}.
 */
// close() waits for the child to exit, and an interrupted wait must stop the benchmark: "try" lint
// warns of InterruptedException from close(), which here is the point.
@SuppressWarnings("try")
final class DaemonProcess implements AutoCloseable {

    static final long POLL_MILLIS = 10;
    private static final Pattern LISTENING = Pattern.compile("Handoff listening on http://\\S+:(\\d+)/");
    private static final int KEPT_LINES = 40;
    private static final Pattern PROFILE = Pattern.compile("Startup profile: .*");

    private final Process process;
    private final long startNanos;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private volatile String profile = "";

    private DaemonProcess(Process process, long startNanos) {
        this.process = process;
        this.startNanos = startNanos;
        Thread.ofPlatform().daemon().name("handoff-serve-output").start(this::readOutput);
    }

    static DaemonProcess start(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        long startNanos = System.nanoTime();
        return new DaemonProcess(builder.start(), startNanos);
    }

    /**
     * Waits for the port, then polls {@code /ready} until it answers 200.
     *
     * @return nanoseconds from {@code ProcessBuilder.start()} to the first 200
     * @throws IllegalStateException with the process's last output when it exits or the time is up
     */
    long awaitReady(Duration timeout) {
        long deadline = startNanos + timeout.toNanos();
        ApiClient api = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitValue() + " before it was ready");
            }
            if (api == null && port.isDone()) {
                api = new ApiClient(URI.create("http://127.0.0.1:" + port.join() + "/"));
            }
            if (api != null && api.get("ready").status() == 200) {
                return System.nanoTime() - startNanos;
            }
            pause();
        }
        throw failure("was not ready within " + timeout.toSeconds() + " s");
    }

    /** The daemon's "Startup profile:" log line, once it logged it (empty before). */
    String profile() {
        return profile;
    }

    /** VmRSS, or VmHWM (peak), of the process in MB, from {@code /proc/PID/status}. */
    double memoryMegabytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the memory of process " + process.pid() + " (Linux only)", e);
        }
        throw new IllegalStateException("/proc/" + process.pid() + "/status has no " + field);
    }

    /** SIGTERM, which the daemon answers with a graceful stop; killed if that takes over 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void readOutput() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    port.complete(Integer.parseInt(listening.group(1)));
                }
                Matcher profiled = PROFILE.matcher(line);
                if (profiled.find()) {
                    profile = profiled.group();
                }
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // The process is gone; awaitReady reports its exit with the lines read so far.
        }
    }

    private IllegalStateException failure(String what) {
        synchronized (lastLines) {
            return new IllegalStateException(
                    "handoff serve " + what + "; its last output:\n  " + String.join("\n  ", lastLines));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the daemon", e);
        }
    }
}
