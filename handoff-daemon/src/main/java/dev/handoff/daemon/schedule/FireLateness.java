package dev.handoff.daemon.schedule;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apiguardian.api.API;

/**
 * How late fires started after their scheduled time, since the daemon started: a histogram of
 * whole milliseconds up to 10 s (later ones count as 10 s), small enough to keep forever.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class FireLateness {

    private static final int BUCKETS = 10_001;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Counts a fire that began {@code lateness} after its time (a benchmark's timer ticks, too). */
    public void record(Duration lateness) {
        long millis = Math.max(0, Math.min(BUCKETS - 1, lateness.toMillis()));
        counts.incrementAndGet((int) millis);
    }

    /** Adds another's fires to this one's: the lateness of several replicas as one. */
    public void add(FireLateness other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts.addAndGet(i, other.counts.get(i));
        }
    }

    public long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The share of fires (0 to 1) that started at most {@code limit} late; 1 when none fired. */
    public double shareWithin(Duration limit) {
        long total = count();
        if (total == 0) {
            return 1;
        }
        long within = 0;
        for (int i = 0; i <= Math.min(BUCKETS - 1, limit.toMillis()); i++) {
            within += counts.get(i);
        }
        return (double) within / total;
    }

    /** The lateness that the share {@code quantile} (0 to 1) of fires did not exceed, in whole milliseconds. */
    public long percentileMillis(double quantile) {
        long total = count();
        long wanted = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= wanted && seen > 0) {
                return i;
            }
        }
        return 0;
    }
}
