package dev.handoff.daemon.assembly;

import dev.handoff.daemon.store.RunStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Removes runs older than the retention, with their attempts and logs: in small batches with a
 * pause between them, so that the API never waits long for the database.
 */
final class Retention implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Retention.class.getName());
    static final int BATCH = 200;
    private static final Duration PAUSE = Duration.ofMillis(50);
    private static final Duration EVERY = Duration.ofHours(1);

    private final RunStore store;
    private final Optional<Duration> retention;
    private final Clock clock;
    private final Thread thread;

    /** @param retention how long finished runs are kept; empty: forever, and nothing is ever removed */
    Retention(RunStore store, Optional<Duration> retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
        this.thread = Thread.ofVirtual().name("handoff-retention").unstarted(this::sweepForever);
    }

    void start() {
        if (retention.isPresent()) {
            thread.start();
        }
    }

    /** Deletes every run past the retention, a batch at a time. @return how many */
    int sweep() throws InterruptedException {
        if (retention.isEmpty()) {
            return 0;
        }
        int deleted = 0;
        while (true) {
            int batch = store.deleteFinishedBefore(clock.instant().minus(retention.get()), BATCH);
            deleted += batch;
            if (batch < BATCH) {
                return deleted;
            }
            Thread.sleep(PAUSE);
        }
    }

    private void sweepForever() {
        while (true) {
            try {
                int deleted = sweep();
                if (deleted > 0) {
                    LOG.log(Level.INFO, "removed {0} runs older than {1}", deleted, retention.get());
                }
                Thread.sleep(EVERY);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "could not remove old runs: " + e.getMessage(), e);
                try {
                    Thread.sleep(EVERY);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
