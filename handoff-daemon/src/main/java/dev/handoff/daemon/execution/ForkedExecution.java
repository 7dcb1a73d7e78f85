package dev.handoff.daemon.execution;

import dev.handoff.daemon.capture.ReplayedResults;
import dev.handoff.daemon.capture.ReplayedTree;
import dev.handoff.daemon.capture.RunRecorder;
import dev.handoff.daemon.fork.ForkEvent;
import dev.handoff.daemon.fork.ForkRequest;
import dev.handoff.daemon.fork.ForkedRunMain;
import dev.handoff.daemon.fork.Frames;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.RunningTest;
import dev.handoff.engine.StopSignal;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One run in a child JVM: starts it, hands it the run's request over a loopback connection, and
 * replays the events it streams back into the run's {@link RunRecorder} as they come, so the run
 * shows live exactly as an in-process one.
 *
 * <p>A stop (cancel, shutdown) is passed to the child, which stops its tests as an in-process run
 * would; a child still alive {@link #STOP_GRACE} later is destroyed. A child that dies (its
 * tests' {@code System.exit}, an {@code OutOfMemoryError}, a crash) fails the tests it was running
 * and the run with one line saying so. The child never outlives the execution: it is destroyed on
 * the way out whatever happened, and it halts by itself when the daemon's end of its standard
 * input closes (a daemon killed with SIGKILL).
 */
final class ForkedExecution {

    private static final System.Logger LOG = System.getLogger(ForkedExecution.class.getName());
    /** The engine's grace for tests that ignore interrupts (5 s), and a little more for the JVM to end. */
    static final Duration STOP_GRACE = Duration.ofSeconds(6);
    /** How long a child may take to start and connect. */
    private static final Duration CONNECT_PATIENCE = Duration.ofSeconds(60);
    /** How long a child that sent its last event may take to exit. */
    private static final Duration EXIT_PATIENCE = Duration.ofSeconds(10);

    private static final int TAIL_LINES = 20;

    private final ForkedRuns runs;
    private final RunRecorder recorder;
    private final StopSignal signal;
    private final ClassLoader loader;
    private final Deque<String> tail = new ArrayDeque<>();
    private final ReplayedTree tree;
    private final List<String> open = new ArrayList<>();
    private volatile String lastFinished;

    ForkedExecution(ForkedRuns runs, RunRecorder recorder, StopSignal signal, ClassLoader loader) {
        this.runs = runs;
        this.recorder = recorder;
        this.signal = signal;
        this.loader = loader;
        this.tree = new ReplayedTree(loader);
    }

    void execute(ForkRequest request) {
        String token = UUID.randomUUID().toString();
        Process child = null;
        boolean complete = false;
        boolean connected = false;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            child = start(server.getLocalPort(), token);
            Process process = child;
            Thread.ofVirtual().name("handoff-fork-output").start(() -> keepTail(process));
            Thread stopper = Thread.ofVirtual().name("handoff-fork-stop").start(() -> forwardStop(process));
            try (Socket socket = accept(server, process, token)) {
                connected = socket != null;
                if (connected) {
                    Frames.write(new DataOutputStream(socket.getOutputStream()), request);
                    complete = replay(new DataInputStream(new BufferedInputStream(socket.getInputStream())));
                }
            } finally {
                stopper.interrupt();
            }
            int exit = awaitExit(process, complete ? EXIT_PATIENCE : STOP_GRACE);
            if (!complete || exit != 0) {
                died(exit, connected);
            }
        } catch (IOException e) {
            recorder.crashed(Failure.reason("the run's JVM could not be started: " + e.getMessage()));
        } finally {
            if (child != null) {
                child.destroyForcibly();
            }
        }
    }

    private Process start(int port, String token) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A heap exhausted is the end of the run's JVM: a JVM that goes on after it runs nothing reliably.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(runs.jvmArgs());
        command.add("-cp");
        command.add(runs.classPath().classPath());
        command.add(ForkedRunMain.class.getName());
        command.add(Integer.toString(port));
        command.add(token);
        ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true);
        runs.workDir().ifPresent(dir -> child.directory(dir.toFile()));
        return child.start();
    }

    /** The child's connection, once it proved to be this run's; null when the child ended first. */
    private static Socket accept(ServerSocket server, Process child, String token) throws IOException {
        server.setSoTimeout(100);
        Instant deadline = Instant.now().plus(CONNECT_PATIENCE);
        while (child.isAlive() && Instant.now().isBefore(deadline)) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketTimeoutException notYet) {
                continue;
            }
            socket.setSoTimeout((int) CONNECT_PATIENCE.toMillis());
            if (token.equals(new DataInputStream(socket.getInputStream()).readUTF())) {
                socket.setSoTimeout(0);
                return socket;
            }
            socket.close();
        }
        return null;
    }

    /** @return whether the child sent its last event */
    private boolean replay(DataInputStream in) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader); // test names come from the suites' classes
        try {
            while (true) {
                Object frame = Frames.read(in, loader);
                if (frame instanceof ForkEvent.PlanFinished) {
                    return true;
                }
                apply((ForkEvent) frame);
            }
        } catch (EOFException ended) {
            return false;
        } catch (IOException | ClassNotFoundException | RuntimeException broken) {
            LOG.log(Level.WARNING, "the events of a forked run broke off: " + broken, broken);
            return false;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void apply(ForkEvent event) {
        switch (event) {
            case ForkEvent.PlanStarted started -> {
                started.identifiers().forEach(tree::add);
                recorder.testPlanExecutionStarted(tree);
            }
            case ForkEvent.Registered registered -> tree.add(registered.identifier());
            case ForkEvent.Started started -> {
                open.add(started.uniqueId());
                recorder.executionStarted(tree.get(started.uniqueId()));
            }
            case ForkEvent.Skipped skipped -> recorder.executionSkipped(tree.get(skipped.uniqueId()), skipped.reason());
            case ForkEvent.Finished finished -> {
                open.remove(finished.uniqueId());
                var identifier = tree.get(finished.uniqueId());
                if (identifier.isTest()) {
                    lastFinished = finished.uniqueId();
                }
                recorder.executionFinished(identifier, ReplayedResults.of(finished, loader));
            }
            case ForkEvent.Reported reported ->
                recorder.reportingEntryPublished(
                        tree.get(reported.uniqueId()),
                        org.junit.platform.engine.reporting.ReportEntry.from(reported.entries()));
            case ForkEvent.Crashed crashed -> recorder.crashed(crashed.thrown().resolve(loader));
            case ForkEvent.PlanFinished finished -> {
                // handled by the loop
            }
        }
    }

    /** Passes a stop to the child once it is given, then destroys a child that outlives its grace. */
    private void forwardStop(Process child) {
        try {
            while (signal.reason().isEmpty()) {
                Thread.sleep(50);
            }
            OutputStream control = child.getOutputStream();
            control.write((ForkedRunMain.STOP + signal.reason().orElseThrow().replace('\n', ' ') + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            control.flush();
            if (!child.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "a forked run did not stop within " + STOP_GRACE + "; its JVM is destroyed");
                child.destroyForcibly();
            }
        } catch (InterruptedException | IOException over) {
            // the execution ended first, or the child is gone
        }
    }

    private void keepTail(Process child) {
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = output.readLine()) != null; ) {
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
            }
        } catch (IOException gone) {
            // the child's output ends with it
        }
    }

    private static int awaitExit(Process child, Duration patience) {
        try {
            if (child.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                return child.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        child.destroyForcibly();
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Fails the tests the child was running and the run, with why its JVM ended. */
    private void died(int exit, boolean connected) {
        List<String> output;
        synchronized (tail) {
            output = List.copyOf(tail);
        }
        String reason = ForkDeath.reason(exit, connected, running(), lastFinishedName(), output);
        if (!signal.reason().isPresent()) {
            LOG.log(Level.WARNING, reason + "; its last output:\n" + String.join("\n", output));
        }
        for (String uniqueId : List.copyOf(open)) {
            var identifier = tree.get(uniqueId);
            if (identifier.isTest()) {
                recorder.executionFinished(
                        identifier, org.junit.platform.engine.TestExecutionResult.failed(new ForkDeath(reason)));
            }
        }
        recorder.crashed(Failure.reason(signal.reason().orElse(reason)));
    }

    private List<String> running() {
        return recorder.running().stream().map(RunningTest::test).distinct().collect(Collectors.toList());
    }

    private String lastFinishedName() {
        String uniqueId = lastFinished;
        return uniqueId == null ? null : tree.get(uniqueId).getDisplayName();
    }
}
