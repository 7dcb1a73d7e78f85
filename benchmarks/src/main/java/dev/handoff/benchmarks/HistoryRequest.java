package dev.handoff.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.IntFunction;

/**
 * One kind of read the history benchmark times, with its latency target (p99) and what a correct
 * answer holds: a fast answer that lists nothing must fail the benchmark, not pass it.
 *
 * <p>{@code storeRead} is the same read straight from the daemon's {@code RunStore}, timed too, so
 * that a slow answer tells whether the database or the HTTP and JSON around it took the time.
 *
 * @param path the request's path for its i-th sending (so that requests can rotate over suites)
 * @param storeRead the store's read for the i-th sending
 * @param arrayField the answer's array that must hold {@code expectedSize} items
 */
record HistoryRequest(
        String name,
        double p99TargetMillis,
        IntFunction<String> path,
        IntFunction<Object> storeRead,
        String arrayField,
        int expectedSize) {

    /** @throws IllegalStateException when the answer is not what the request asks for */
    void check(ApiClient.Answer answer, String database) {
        String sent = "GET /" + path.apply(0) + " on the " + database + " database";
        JsonNode items = answer.expect(200, sent).json().path(arrayField);
        if (items.size() != expectedSize) {
            throw new IllegalStateException(
                    sent + " answered " + items.size() + " " + arrayField + " instead of " + expectedSize);
        }
    }

    /** @return nanoseconds of one store read */
    long timeStoreRead(int i) {
        long start = System.nanoTime();
        Object result = storeRead.apply(i);
        long nanos = System.nanoTime() - start;
        if (result == null) {
            throw new IllegalStateException("the store read of " + name + " returned nothing");
        }
        return nanos;
    }
}
