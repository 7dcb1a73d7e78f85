package dev.handoff.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code handoff serve} in a child JVM on this test run's classpath, serving the test fixtures on
 * a free port of 127.0.0.1: for tests that kill a daemon (SIGKILL, SIGTERM) and start another.
 */
record ServeProcess(Process process, URI url) {

    private static final Pattern LISTENING = Pattern.compile("Handoff listening on (http://\\S+)");

    /**
     * Starts it and waits until it says where it listens.
     *
     * @param options serve's options beyond host, port and suites (such as {@code --data-dir})
     * @param environment variables added to the child's
     */
    static ServeProcess start(List<String> options, Map<String, String> environment, Duration patience)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.handoff.daemon.cli.HandoffCommand",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--suites",
                Path.of("target", "test-classes").toAbsolutePath().toString()));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> listening = CompletableFuture.supplyAsync(() -> {
            try {
                StringBuilder seen = new StringBuilder();
                for (String line; (line = output.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        Thread.ofVirtual().start(() -> drain(output));
                        return URI.create(matcher.group(1));
                    }
                }
                throw new AssertionError("the daemon ended without listening:\n" + seen);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        try {
            return new ServeProcess(process, listening.get(patience.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("the daemon did not start: " + e.getMessage(), e);
        }
    }

    private static void drain(BufferedReader output) {
        try {
            while (output.readLine() != null) {
                // keeps the child from blocking on a full pipe
            }
        } catch (IOException ignored) {
            // the child is gone
        }
    }
}
