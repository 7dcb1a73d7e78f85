package dev.handoff.daemon;

import dev.handoff.daemon.assembly.Daemon;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The plumbing behind {@link Handoff}'s {@code start}, {@code awaitReady} and {@code close}: a
 * daemon is started once, closed once, and ready once it serves with its suites discovered and its
 * database migrated.
 */
final class Lifecycle {

    private final Daemon daemon;
    private final CountDownLatch started = new CountDownLatch(1);
    private boolean running;
    private boolean closed;

    Lifecycle(Daemon daemon) {
        this.daemon = daemon;
    }

    synchronized void start() {
        if (!running) {
            daemon.start();
            running = true;
            started.countDown();
        }
    }

    boolean awaitReady(Duration timeout) {
        Clock clock = Clock.systemUTC();
        Instant deadline = clock.instant().plus(timeout);
        try {
            if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            while (!daemon.isReady()) {
                if (clock.instant().isAfter(deadline)) {
                    return false;
                }
                Thread.sleep(10);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            daemon.close();
        }
    }
}
