package dev.handoff.benchmarks;

import java.util.Arrays;

/**
 * Durations measured in one run, in nanoseconds, and their percentiles in milliseconds. A
 * percentile is the nearest-rank value (the 99th of 2,000 samples is the 20th slowest), never
 * interpolated: every figure printed is a duration that was really measured.
 */
final class Samples {

    private long[] nanos;
    private int count;

    Samples(int capacity) {
        nanos = new long[Math.max(1, capacity)];
    }

    void add(long value) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = value;
    }

    int count() {
        return count;
    }

    /** Adds these samples to {@code other}. */
    void copyInto(Samples other) {
        for (int i = 0; i < count; i++) {
            other.add(nanos[i]);
        }
    }

    /** @param p from 0 to 100 */
    double percentileMillis(double p) {
        if (count == 0) {
            throw new IllegalStateException("no samples");
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.clamp(rank - 1, 0, count - 1)] / 1_000_000.0;
    }

    double medianMillis() {
        return percentileMillis(50);
    }

    double maxMillis() {
        return percentileMillis(100);
    }

    /** The middle value, or the mean of the middle two. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String verdict(double value, double limit) {
        return value <= limit ? "PASS" : "FAIL";
    }
}
