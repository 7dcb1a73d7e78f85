package dev.handoff.daemon.fork;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.handoff.engine.HandoffTestEngine;
import dev.handoff.engine.StopSignal;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The main class of a forked run's JVM: connects to the daemon on loopback, reads its {@link
 * ForkRequest}, runs the suite with the JUnit Platform Launcher and streams every event back.
 *
 * <p>Its standard input is the daemon's control line: {@code stop REASON} stops the run as a
 * cancel does in-process (through a {@link StopSignal}), and its end means the daemon is gone,
 * whatever way it went: the JVM halts at once, so that a resumed run never races a leftover.
 */
public final class ForkedRunMain {

    /** The exit code when the daemon went away mid-run. */
    public static final int DAEMON_GONE = 86;
    /** The first line of standard input that stops the run; the rest of the line is the reason. */
    public static final String STOP = "stop ";

    private ForkedRunMain() {}

    /** @param args the daemon's loopback port and the token that proves the connection is this run's */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String token = args[1];
        try (StopSignal signal = StopSignal.open();
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            watchDaemon(signal);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            out.writeUTF(token);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            ForkRequest request = (ForkRequest) Frames.read(in, ForkedRunMain.class.getClassLoader());
            EventStream events = new EventStream(out);
            LauncherDiscoveryRequestBuilder discovery = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectUniqueId(request.suiteUniqueId()))
                    .filters(EngineFilter.includeEngines(HandoffTestEngine.ENGINE_ID))
                    .configurationParameters(request.configuration())
                    .configurationParameter(HandoffTestEngine.STOP_SIGNAL, signal.key());
            try {
                LauncherFactory.create().execute(discovery.build(), events);
            } catch (RuntimeException | LinkageError problem) {
                events.crashed(problem);
            }
            events.finished();
        }
        exit(0);
    }

    /** Reads the daemon's control lines on a thread of its own; their end halts this JVM. */
    private static void watchDaemon(StopSignal signal) {
        Thread watcher = new Thread(
                () -> {
                    BufferedReader control =
                            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    try {
                        for (String line; (line = control.readLine()) != null; ) {
                            if (line.startsWith(STOP)) {
                                signal.stop(line.substring(STOP.length()));
                            }
                        }
                    } catch (IOException gone) {
                        // the same as the end of the input
                    }
                    Runtime.getRuntime().halt(DAEMON_GONE);
                },
                "handoff-daemon-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Exits even when a test left a thread running (abandoned after the engine's grace) or a
     * shutdown hook hangs: the run is over, and its JVM must not outlive it.
     */
    private static void exit(int code) {
        Thread halt = new Thread(
                () -> {
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException ignored) {
                        // halting anyway
                    }
                    Runtime.getRuntime().halt(code);
                },
                "handoff-exit");
        halt.setDaemon(true);
        halt.start();
        System.exit(code);
    }
}
