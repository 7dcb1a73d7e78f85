package dev.handoff.daemon.hook;

import dev.handoff.daemon.metrics.DaemonMetrics;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The queue of one async hook: its events are handled one after another on a thread of their own,
 * in the order they came. Each task makes its calls through {@link GuardedCall}, so a hook that
 * hangs holds up only its own lane, for at most the async timeout per call; when its queue is
 * full, new events for it are dropped and counted as errors, never waited for.
 */
final class AsyncLane implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AsyncLane.class.getName());
    static final int CAPACITY = 1000;

    private record Task(String what, Runnable call) {}

    private final String hook;
    private final DaemonMetrics metrics;
    private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean closing;

    AsyncLane(String hook, DaemonMetrics metrics) {
        this.hook = hook;
        this.metrics = metrics;
        this.thread = Thread.ofVirtual().name("handoff-hook-lane-" + hook).start(this::work);
    }

    /** Queues a call; never blocks. */
    void submit(String what, Runnable call) {
        if (closing || !queue.offer(new Task(what, call))) {
            metrics.hookError(hook);
            LOG.log(
                    Level.WARNING,
                    "hook '%s' missed %s: %s"
                            .formatted(
                                    hook,
                                    what,
                                    closing
                                            ? "the daemon is stopping"
                                            : CAPACITY + " events are waiting for it already"));
        }
    }

    private void work() {
        while (true) {
            Task task;
            try {
                task = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (task != null) {
                try {
                    task.call().run();
                } catch (RuntimeException e) {
                    metrics.hookError(hook);
                    LOG.log(Level.WARNING, "hook '%s' missed %s: %s".formatted(hook, task.what(), e), e);
                }
            } else if (closing) {
                return;
            }
        }
    }

    /** Takes no more events and gives the queued ones up to {@code grace} to be delivered. */
    void close(Duration grace) {
        closing = true;
        try {
            if (!thread.join(grace)) {
                thread.interrupt();
                int lost = queue.size();
                if (lost > 0) {
                    LOG.log(
                            Level.WARNING,
                            "hook '%s' missed %d events: the daemon stopped before they were delivered"
                                    .formatted(hook, lost));
                }
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }
}
