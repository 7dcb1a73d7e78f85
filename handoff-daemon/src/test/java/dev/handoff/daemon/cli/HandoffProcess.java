package dev.handoff.daemon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code handoff} in a JVM of its own, on this JVM's classpath (so its classpath folders hold the
 * fixture suites), its output in files.
 */
final class HandoffProcess implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private HandoffProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static HandoffProcess start(Path folder, String... args) throws IOException {
        return start(folder, Map.of(), args);
    }

    /** As {@link #start(Path, String...)}, with these variables added to this process's environment. */
    static HandoffProcess start(Path folder, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HandoffCommand.class.getName()));
        command.addAll(List.of(args));
        Path stdout = folder.resolve("handoff.out");
        Path stderr = folder.resolve("handoff.err");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        return new HandoffProcess(process, stdout, stderr);
    }

    /** The first line that starts with {@code prefix}, waiting up to a minute for it. */
    String awaitLine(String prefix) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            var line = stdout().lines().filter(l -> l.startsWith(prefix)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("handoff printed no line starting with '" + prefix + "'; its stderr:\n" + stderr());
    }

    /** Waits for the process to end by itself and gives its exit code. */
    int awaitExit(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("handoff did not end within " + patience + "; its stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM and waits for the exit code. */
    int terminate(Duration patience) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("handoff did not stop within " + patience + " of SIGTERM");
        }
        return process.exitValue();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
