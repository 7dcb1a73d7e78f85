package dev.handoff.daemon.schedule;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apiguardian.api.API;
import org.quartz.spi.ThreadPool;

/**
 * Quartz's workers: platform threads made when fires need them, up to {@value #LIMIT} at once, and
 * let go after {@value #KEEP_ALIVE_SECONDS} s idle.
 *
 * <p>Quartz's scheduler thread takes at most as many due triggers per pass as its pool has free
 * workers, and a pass's fires are marked fired before any is handed out. With Quartz's fixed pool
 * of 32, a thousand schedules due in the same second went in more than thirty passes one after the
 * other, and the last fires started seconds late. With a worker free for each, the scheduler thread
 * takes all of them in one pass, ahead of their time, and only marks them fired when they are due.
 *
 * <p>Platform threads, not virtual ones: the daemon's runs execute on virtual threads, and a run
 * busy with CPU-bound tests keeps its carrier, so on a small machine a fire on a virtual thread
 * would wait for a run to block before it could start. A fire's worker holds no database
 * connection while it waits for its time ({@link ScheduleFiring}) and one only for its commit.
 *
 * <p>Public only because Quartz makes its pool by class name ({@code org.quartz.threadPool.class}).
 */
@API(status = API.Status.INTERNAL)
public final class FireThreads implements ThreadPool {

    /** The most fires handled at once: a pass takes up to {@link QuartzSchedulers#BATCH} of them. */
    static final int LIMIT = 1024;

    static final long KEEP_ALIVE_SECONDS = 90;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(
            0,
            // Not LIMIT: a worker counts as free again just before its thread is back in the pool.
            Integer.MAX_VALUE,
            KEEP_ALIVE_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            Thread.ofPlatform().name("handoff-schedule-", 1).daemon().factory());

    private int busy;
    private boolean shutdown;

    @Override
    public boolean runInThread(Runnable fire) {
        lock.lock();
        try {
            // Quartz only hands out as many fires as blockForAvailableThreads said were free; should a
            // fire come when none is, it waits for one rather than be refused (a refused fire is an
            // error Quartz records on the trigger).
            while (busy >= LIMIT && !shutdown) {
                changed.awaitUninterruptibly();
            }
            if (shutdown) {
                return false;
            }
            busy++;
        } finally {
            lock.unlock();
        }
        executor.execute(() -> {
            try {
                fire.run();
            } finally {
                lock.lock();
                try {
                    busy--;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        });
        return true;
    }

    @Override
    public int blockForAvailableThreads() {
        lock.lock();
        try {
            while (busy >= LIMIT && !shutdown) {
                changed.awaitUninterruptibly();
            }
            return shutdown ? 0 : LIMIT - busy;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void initialize() {}

    /** Takes no more fires; with {@code waitForJobsToComplete}, returns once the running ones ended. */
    @Override
    public void shutdown(boolean waitForJobsToComplete) {
        lock.lock();
        try {
            shutdown = true;
            changed.signalAll();
            if (waitForJobsToComplete) {
                while (busy > 0) {
                    changed.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
        executor.shutdown();
    }

    @Override
    public int getPoolSize() {
        return LIMIT;
    }

    @Override
    public void setInstanceId(String instanceId) {}

    @Override
    public void setInstanceName(String instanceName) {}

    /** Fires being handled now. */
    int busy() {
        lock.lock();
        try {
            return busy;
        } finally {
            lock.unlock();
        }
    }
}
