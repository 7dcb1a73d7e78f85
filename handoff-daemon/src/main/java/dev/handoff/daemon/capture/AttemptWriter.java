package dev.handoff.daemon.capture;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunningTest;
import dev.handoff.daemon.store.RunStore;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Writes a run's attempts to the store off the test's thread, as they finish: a test never waits
 * for the database. An attempt waits at most {@link #LINGER} for others to join it in one
 * transaction, fewer when {@link #BATCH} of them are waiting or a {@link #flush()} wants them now.
 * Each transaction ends with a write of the database file (see {@code SeenIsStored}); when
 * attempts went one or a few per transaction, as fast as the tests finished them, those writes
 * cost a run of thousands of quick tests more than its tests took. The linger keeps the API's
 * view of a run in progress a fraction of a second behind the tests, well inside the UI's
 * half-second polls, and a crash loses at most what lingered: tests that run again when the run
 * resumes, as any test without a stored attempt does.
 *
 * <p>With the attempts goes which tests are running now ({@link #testStarted()} wakes the writer as
 * a finished attempt does), so a run's page can say what a long test is doing. A test that starts
 * and ends within one linger is never written as running.
 */
public final class AttemptWriter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AttemptWriter.class.getName());
    /** The longest an attempt waits for others before it is written. */
    static final Duration LINGER = Duration.ofMillis(200);
    /** The most attempts in one transaction: bounds the transaction's size, whatever the logs. */
    static final int BATCH = 1_000;

    private static final Object STOP = new Object();
    private static final Object STARTED = new Object();

    private final RunId run;
    private final RunStore store;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    /** Released when the queue should be written without waiting out the linger: a flush, the stop, a full batch. */
    private final Semaphore writeNow = new Semaphore(0);

    private final Supplier<List<RunningTest>> running;
    private final Thread thread;
    private volatile Failure failure;
    /** Whether a {@link #STARTED} mark waits in the queue. */
    private final AtomicBoolean startMarked = new AtomicBoolean();
    /** What was last written as running: unchanged, it is not written again. */
    private List<RunningTest> runningWritten = List.of();

    /** @param running the tests running now, asked at each write */
    public AttemptWriter(RunId run, RunStore store, Supplier<List<RunningTest>> running) {
        this.run = run;
        this.store = store;
        this.running = running;
        this.thread = Thread.ofVirtual().name("handoff-writer-" + run).start(this::writeUntilStopped);
    }

    /** A writer of attempts only. */
    AttemptWriter(RunId run, RunStore store) {
        this(run, store, List::of);
    }

    /**
     * A test started: the running tests are written with the next batch, at most a linger later.
     * One mark waits in the queue at a time, so quick tests do not crowd out the attempts of a
     * batch.
     */
    public void testStarted() {
        if (startMarked.compareAndSet(false, true)) {
            queue.add(STARTED);
        }
    }

    public void add(Attempt attempt) {
        queue.add(attempt);
        if (queue.size() >= BATCH) {
            writeNow.release();
        }
    }

    /** Returns once every attempt added before the call is stored. */
    void flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(done);
        writeNow.release();
        done.join();
    }

    @Override
    public void close() {
        flush();
        queue.add(STOP);
        writeNow.release();
    }

    private void writeUntilStopped() {
        List<Object> taken = new ArrayList<>();
        while (true) {
            boolean interrupted = false;
            try {
                taken.add(queue.take());
                linger();
            } catch (InterruptedException e) {
                interrupted = true;
            }
            queue.drainTo(taken, BATCH - 1);
            // Before the running tests are asked for: a test starting from now on marks again.
            startMarked.set(false);
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
            if (interrupted) {
                return;
            }
            taken.clear();
        }
    }

    /**
     * Gives the attempt just taken company: waits up to the linger, unless a batch is waiting
     * already or {@link #writeNow} says so. The attempts that arrive meanwhile stay in the queue
     * without waking this thread, so a test's finish costs no more than a queue insert.
     */
    private void linger() throws InterruptedException {
        if (queue.size() < BATCH - 1) {
            writeNow.tryAcquire(LINGER.toNanos(), TimeUnit.NANOSECONDS);
        }
        writeNow.drainPermits();
    }

    /**
     * Why some attempts could not be stored, when that happened: the run must not end as if they
     * had passed.
     */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    private void write(List<Attempt> attempts) {
        List<RunningTest> now;
        try {
            now = running.get();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not tell which tests of " + run + " are running: " + e.getMessage(), e);
            now = runningWritten;
        }
        if (attempts.isEmpty() && now.equals(runningWritten)) {
            return;
        }
        try {
            store.recordProgress(run, attempts, now);
            runningWritten = now;
        } catch (RuntimeException | Error e) {
            // The tests go on; the run will end failed, saying which attempts are missing.
            LOG.log(
                    Level.ERROR,
                    "could not store " + attempts.size() + " attempts of " + run + ": " + e.getMessage(),
                    e);
            if (failure == null) {
                failure = Failure.reason("could not store the attempts of "
                        + attempts.stream().map(Attempt::test).distinct().collect(Collectors.joining(", ")) + ": "
                        + e.getMessage());
            }
        }
    }
}
