package dev.handoff.daemon.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Quartz's workers: as many fires at once as a thousand schedules due together need, each on a
 * platform thread of its own, and a shutdown that waits for them when asked to.
 */
class FireThreadsTests {

    @Test
    void aThousandFiresRunAtOnceOnPlatformThreads() throws InterruptedException {
        FireThreads pool = new FireThreads();
        int fires = 1_000;
        CountDownLatch allStarted = new CountDownLatch(fires);
        CountDownLatch release = new CountDownLatch(1);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        try {
            assertThat(pool.blockForAvailableThreads()).isEqualTo(FireThreads.LIMIT);
            for (int i = 0; i < fires; i++) {
                assertThat(pool.runInThread(() -> {
                            threads.add(Thread.currentThread());
                            allStarted.countDown();
                            await(release);
                        }))
                        .isTrue();
            }
            // Every fire started while none had ended: none waited for another's worker.
            assertThat(allStarted.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(pool.busy()).isEqualTo(fires);
            assertThat(pool.blockForAvailableThreads()).isEqualTo(FireThreads.LIMIT - fires);
            assertThat(threads)
                    .hasSize(fires)
                    .noneMatch(Thread::isVirtual)
                    .allMatch(t -> t.getName().startsWith("handoff-schedule-"));
        } finally {
            release.countDown();
            pool.shutdown(true);
        }
        assertThat(pool.busy()).isZero();
    }

    @Test
    void shutdownWaitingForJobsReturnsOnceTheyEndedAndRefusesMore() {
        FireThreads pool = new FireThreads();
        AtomicInteger ended = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            pool.runInThread(() -> {
                sleep(200);
                ended.incrementAndGet();
            });
        }
        pool.shutdown(true);

        assertThat(ended).hasValue(10);
        assertThat(pool.runInThread(ended::incrementAndGet)).isFalse();
        assertThat(pool.blockForAvailableThreads()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
