package dev.handoff.daemon.cli;

import dev.handoff.api.internal.Durations;
import dev.handoff.daemon.Handoff;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Keeps a started daemon until SIGTERM or SIGINT (Ctrl-C), then closes it gracefully and lets the
 * command return 0.
 *
 * <p>Why signal handlers and not only a shutdown hook: on a signal the JVM runs its hooks and then
 * exits with 128 + the signal's number (143 for SIGTERM), whatever the hook did, and orchestrators
 * count that as a crash. Handling the signal keeps the graceful stop on the main thread and the
 * exit code 0. A second signal stops at once. A shutdown hook still closes the daemon when the JVM
 * ends some other way (another signal, {@code System.exit} elsewhere), or where the signals
 * cannot be handled (under {@code -Xrs}).
 */
final class StopSignals {

    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicInteger received = new AtomicInteger();

    private StopSignals() {}

    static void keepUntilStopped(Handoff handoff, Duration grace, PrintStream out) {
        AtomicBoolean closed = new AtomicBoolean();
        Runnable closeOnce = () -> {
            if (closed.compareAndSet(false, true)) {
                handoff.close();
            }
        };
        Thread hook = new Thread(closeOnce, "handoff-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StopSignals signals = install();
        try {
            signals.stop.await();
            out.println("Stopping: running tests get up to " + Durations.format(grace) + " to finish");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeOnce.run();
        out.println("Handoff stopped");
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already on its way out; the hook finds the daemon closed
        }
    }

    private static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signals::received);
            } catch (IllegalArgumentException unavailable) {
                // -Xrs, or a platform without it: the shutdown hook stops the daemon instead
            }
        }
        return signals;
    }

    private void received(Signal signal) {
        if (received.getAndIncrement() > 0) {
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        stop.countDown();
    }
}
