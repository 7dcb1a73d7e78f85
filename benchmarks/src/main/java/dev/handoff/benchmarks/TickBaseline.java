package dev.handoff.benchmarks;

import dev.handoff.daemon.schedule.FireLateness;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The noise floor of a benchmark's machine: a plain {@link ScheduledExecutorService} in the same
 * process ticking as many schedules as the daemons, at the same rate, for the same time. Each
 * tick's lateness (when it ran minus when it was due) is what the machine's load alone does to a
 * timer; the daemons' lateness beyond it is theirs.
 */
final class TickBaseline implements AutoCloseable {

    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "baseline-ticks");
        thread.setDaemon(true);
        return thread;
    });
    private final FireLateness lateness = new FireLateness();
    private volatile boolean stopped;

    /** {@code schedules} ticks every {@code period}, each starting one period from now. */
    static TickBaseline every(int schedules, Duration period) {
        TickBaseline baseline = new TickBaseline();
        for (int i = 0; i < schedules; i++) {
            baseline.start(period, period);
        }
        return baseline;
    }

    /** {@code schedules} ticks at the start of every minute. */
    static TickBaseline minutely(int schedules) {
        TickBaseline baseline = new TickBaseline();
        long now = System.currentTimeMillis();
        Duration first = Duration.ofMillis(60_000 - now % 60_000);
        for (int i = 0; i < schedules; i++) {
            baseline.start(first, Duration.ofMinutes(1));
        }
        return baseline;
    }

    private void start(Duration first, Duration period) {
        long origin = System.nanoTime() + first.toNanos();
        long[] tick = {0};
        ticks.scheduleAtFixedRate(
                () -> {
                    if (stopped) {
                        return;
                    }
                    long due = origin + tick[0]++ * period.toNanos();
                    lateness.record(Duration.ofNanos(Math.max(0, System.nanoTime() - due)));
                },
                first.toNanos(),
                period.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    FireLateness lateness() {
        return lateness;
    }

    /** Stops counting (as the daemons stop firing). */
    void stop() {
        stopped = true;
    }

    @Override
    public void close() {
        stopped = true;
        ticks.shutdownNow();
    }

    static String describe(FireLateness lateness, Duration limit) {
        return String.format(
                java.util.Locale.ROOT,
                "%d ticks, %.2f%% within %d ms, p50 %d ms, p99 %d ms, max<= %d ms",
                lateness.count(),
                lateness.shareWithin(limit) * 100,
                limit.toMillis(),
                lateness.percentileMillis(0.5),
                lateness.percentileMillis(0.99),
                lateness.percentileMillis(1.0));
    }
}
