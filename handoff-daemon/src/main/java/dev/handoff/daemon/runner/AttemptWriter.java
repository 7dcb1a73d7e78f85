package dev.handoff.daemon.runner;

import dev.handoff.daemon.run.Attempt;
import dev.handoff.daemon.run.Failure;
import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.store.RunStore;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Writes a run's attempts to the store off the test's thread, as they finish: a test never waits
 * for the database, and attempts that finish close together go in one transaction. Idle, an
 * attempt is written at once, so the API shows progress as it happens.
 */
final class AttemptWriter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AttemptWriter.class.getName());
    private static final int BATCH = 500;
    private static final Object STOP = new Object();

    private final RunId run;
    private final RunStore store;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile Failure failure;

    AttemptWriter(RunId run, RunStore store) {
        this.run = run;
        this.store = store;
        this.thread = Thread.ofVirtual().name("handoff-writer-" + run).start(this::writeUntilStopped);
    }

    void add(Attempt attempt) {
        queue.add(attempt);
    }

    /** Returns once every attempt added before the call is stored. */
    void flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(done);
        done.join();
    }

    @Override
    public void close() {
        flush();
        queue.add(STOP);
    }

    private void writeUntilStopped() {
        List<Object> taken = new ArrayList<>();
        while (true) {
            try {
                taken.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(taken, BATCH - 1);
            List<Attempt> attempts = new ArrayList<>();
            for (Object item : taken) {
                if (item instanceof Attempt attempt) {
                    attempts.add(attempt);
                }
            }
            write(attempts);
            for (Object item : taken) {
                if (item == STOP) {
                    return;
                }
                if (item instanceof CompletableFuture<?> flushed) {
                    flushed.complete(null);
                }
            }
            taken.clear();
        }
    }

    /**
     * Why some attempts could not be stored, when that happened: the run must not end as if they
     * had passed.
     */
    Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    private void write(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        try {
            store.recordAttempts(run, attempts);
        } catch (RuntimeException | Error e) {
            // The tests go on; the run will end failed, saying which attempts are missing.
            LOG.log(Level.ERROR, "could not store " + attempts.size() + " attempts of " + run + ": " + e.getMessage(), e);
            if (failure == null) {
                failure = Failure.reason("could not store the attempts of " + attempts.stream().map(Attempt::test).distinct()
                        .collect(Collectors.joining(", ")) + ": " + e.getMessage());
            }
        }
    }
}
