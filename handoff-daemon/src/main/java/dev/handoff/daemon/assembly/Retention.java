package dev.handoff.daemon.assembly;

import dev.handoff.daemon.store.RunStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    private final OldGates gates;
    private final Thread thread;

    /** What removes decided gates created before a cutoff, a batch at a time ({@code GateService}). */
    @FunctionalInterface
    interface OldGates {
        /** @return how many it removed */
        int delete(Instant cutoff, int limit);
    }

    /** Runs only: for a store that keeps no gates. */
    Retention(RunStore store, Optional<Duration> retention, Clock clock) {
        this(store, retention, clock, (cutoff, limit) -> 0);
    }

    /**
     * @param retention how long finished runs and decided gates are kept; empty: forever, and
     *     nothing is ever removed
     */
    Retention(RunStore store, Optional<Duration> retention, Clock clock, OldGates gates) {
        this.store = store;
        this.gates = gates;
        this.retention = retention;
        this.clock = clock;
        this.thread = Thread.ofVirtual().name("handoff-retention").unstarted(this::sweepForever);
    }

    void start() {
        if (retention.isPresent()) {
            thread.start();
        }
    }

    /** Deletes every decided gate past the retention, a batch at a time. @return how many */
    int sweepGates() throws InterruptedException {
        if (retention.isEmpty()) {
            return 0;
        }
        int deleted = 0;
        while (true) {
            int batch = gates.delete(clock.instant().minus(retention.get()), BATCH);
            deleted += batch;
            if (batch < BATCH) {
                return deleted;
            }
            Thread.sleep(PAUSE);
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
                int deletedGates = sweepGates();
                if (deletedGates > 0) {
                    LOG.log(Level.INFO, "removed {0} gates older than {1}", deletedGates, retention.get());
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
