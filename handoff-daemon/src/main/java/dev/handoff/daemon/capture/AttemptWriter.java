package dev.handoff.daemon.capture;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunningTest;
import dev.handoff.daemon.model.StoreUnavailableException;
import dev.handoff.daemon.store.Outage;
import dev.handoff.daemon.store.RunStore;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Writes a run's attempts to the store off the test's thread, as they finish: a test never waits
 * for the database while it answers. Group commit, without waiting on purpose: an attempt that
 * finds the writer idle is written at once, and the attempts that finish while a transaction is
 * under way go together in the next one (at most {@link #BATCH}). Each transaction ends with a
 * write of the database file (see {@code SeenIsStored}), so quick tests share transactions as the
 * database's own speed dictates, and a {@code kill -9} loses only attempts that were being written
 * at that moment: the window is one transaction, not a wait.
 *
 * <p>While the database is unreachable the attempts stay here and the writer tries again, pausing
 * up to {@link Outage#MAX_PAUSE} between tries; the run goes on. At most {@link #MAX_UNSTORED}
 * attempts or {@link #MAX_UNSTORED_CHARS} characters of their text wait per run: beyond that, the
 * next test to finish waits for the database too (the run pauses rather than lose attempts or
 * the daemon's memory). {@link #abandon()} stops the tries when the daemon stops: the tests whose
 * attempts were not stored run again when the run resumes.
 *
 * <p>With the attempts goes which tests are running now ({@link #testStarted()} wakes the writer as
 * a finished attempt does), so a run's page can say what a long test is doing.
 */
@API(status = API.Status.INTERNAL)
public final class AttemptWriter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AttemptWriter.class.getName());
    /** The most attempts in one transaction: bounds the transaction's size, whatever the logs. */
    static final int BATCH = 1_000;
    /** The most attempts of a run kept in memory while they cannot be stored. */
    static final int MAX_UNSTORED = 10_000;
    /** The most characters of logs, failures and stack traces kept in memory for a run likewise (about 64 MB). */
    static final long MAX_UNSTORED_CHARS = 32L * 1024 * 1024;

    private static final Object STOP = new Object();
    private static final Object STARTED = new Object();

    private final RunId run;
    private final RunStore store;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Supplier<List<RunningTest>> running;
    private final Thread thread;
    private volatile Failure failure;
    private volatile boolean abandoned;
    /** Whether a {@link #STARTED} mark waits in the queue. */
    private final AtomicBoolean startMarked = new AtomicBoolean();
    /** What was last written as running: unchanged, it is not written again. */
    private List<RunningTest> runningWritten = List.of();

    /** Attempts added and not yet stored (or given up), and their text: what {@link #MAX_UNSTORED} bounds. */
    private final ReentrantLock unstoredLock = new ReentrantLock();

    private final Condition stored = unstoredLock.newCondition();
    private int unstored;
    private long unstoredChars;

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
     * A test started: the running tests are written with the next transaction. One mark waits in
     * the queue at a time, so quick tests do not crowd out the attempts of a batch.
     */
    public void testStarted() {
        if (startMarked.compareAndSet(false, true)) {
            queue.add(STARTED);
        }
    }

    /** Hands the attempt to the writer; waits only while {@link #MAX_UNSTORED} attempts already wait for the database. */
    public void add(Attempt attempt) {
        long chars = chars(attempt);
        unstoredLock.lock();
        try {
            while (!abandoned
                    && unstored > 0
                    && (unstored >= MAX_UNSTORED || unstoredChars + chars > MAX_UNSTORED_CHARS)) {
                stored.awaitUninterruptibly();
            }
            unstored++;
            unstoredChars += chars;
        } finally {
            unstoredLock.unlock();
        }
        queue.add(attempt);
    }

    /** Returns once every attempt added before the call is stored, or given up after {@link #abandon()}. */
    void flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(done);
        done.join();
    }

    /**
     * Stops waiting for the database: what cannot be stored now is dropped (the daemon stops, and
     * the run's tests without a stored attempt run again when it resumes).
     */
    public void abandon() {
        abandoned = true;
        thread.interrupt();
        unstoredLock.lock();
        try {
            stored.signalAll();
        } finally {
            unstoredLock.unlock();
        }
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
                // abandon(): whatever is queued is still taken below and tried once.
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
            release(attempts);
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

    private void release(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        long chars = attempts.stream().mapToLong(AttemptWriter::chars).sum();
        unstoredLock.lock();
        try {
            unstored -= attempts.size();
            unstoredChars -= chars;
            stored.signalAll();
        } finally {
            unstoredLock.unlock();
        }
    }

    /** What an attempt holds in memory, roughly: its log and failure text, which dwarf the rest. */
    private static long chars(Attempt attempt) {
        return attempt.log().length()
                + attempt.failure()
                        .map(f -> (long) f.message().length() + f.stackTrace().length())
                        .orElse(0L);
    }

    /**
     * Why some attempts could not be stored, when that happened: the run must not end as if they
     * had passed.
     */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stores the attempts, trying again while the database is unreachable, until abandoned. */
    private void write(List<Attempt> attempts) {
        Outage outage = new Outage("attempts of " + run);
        while (true) {
            List<RunningTest> now = runningNow();
            if (attempts.isEmpty() && now.equals(runningWritten)) {
                return;
            }
            try {
                store.recordProgress(run, attempts, now);
                runningWritten = now;
                outage.over();
                return;
            } catch (StoreUnavailableException e) {
                if (abandoned || !outage.pause(e)) {
                    LOG.log(
                            Level.WARNING,
                            attempts.size() + " attempts of " + run + " were not stored before the daemon stopped;"
                                    + " their tests run again when the run resumes");
                    return;
                }
            } catch (RuntimeException | Error e) {
                // The tests go on; the run will end failed, saying which attempts are missing.
                LOG.log(
                        Level.ERROR,
                        "could not store " + attempts.size() + " attempts of " + run + ": " + e.getMessage(),
                        e);
                if (failure == null) {
                    failure = Failure.reason("could not store the attempts of "
                            + attempts.stream().map(Attempt::test).distinct().collect(Collectors.joining(", "))
                            + ": " + e.getMessage());
                }
                return;
            }
        }
    }

    private List<RunningTest> runningNow() {
        try {
            return running.get();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not tell which tests of " + run + " are running: " + e.getMessage(), e);
            return runningWritten;
        }
    }
}
