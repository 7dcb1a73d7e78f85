package dev.handoff.daemon.web;

import io.helidon.http.Status;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many event streams are open, per client address and in all: each holds a thread and reads
 * the store twice a second, so a client (or many) opening streams without end would take the
 * daemon's time from everyone. Beyond {@link #PER_CLIENT} a client gets 429, beyond {@link #TOTAL}
 * everyone gets 503; a browser's {@code EventSource} retries by itself, and the page works without
 * its stream.
 */
final class EventStreamSlots {

    /** A person with a few run pages open in tabs. */
    static final int PER_CLIENT = 8;
    /** Far more than the people who watch runs of one daemon at once. */
    static final int TOTAL = 256;

    private final int perClient;
    private final int total;
    private final ConcurrentHashMap<String, AtomicInteger> byClient = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    EventStreamSlots() {
        this(PER_CLIENT, TOTAL);
    }

    EventStreamSlots(int perClient, int total) {
        this.perClient = perClient;
        this.total = total;
    }

    /** A slot a stream holds while it is open; closing it frees the slot. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes a slot for a stream of this client.
     *
     * @throws ProblemException 429 when the client has {@link #PER_CLIENT} streams open, 503 when
     *     the daemon has {@link #TOTAL}
     */
    Slot take(String client) {
        AtomicInteger mine = byClient.compute(client, (key, count) -> {
            AtomicInteger counted = count == null ? new AtomicInteger() : count;
            counted.incrementAndGet();
            return counted;
        });
        if (mine.get() > perClient) {
            release(client);
            throw new ProblemException(
                    Status.TOO_MANY_REQUESTS_429,
                    "this client already follows %d runs' events, the most one client may; close some pages"
                            .formatted(perClient),
                    "events");
        }
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            release(client);
            throw new ProblemException(
                    Status.SERVICE_UNAVAILABLE_503,
                    "the daemon already sends %d event streams, the most it sends at once; the page still works without"
                            .formatted(total),
                    "events");
        }
        return new Slot() {
            private boolean closed;

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    open.decrementAndGet();
                    release(client);
                }
            }
        };
    }

    private void release(String client) {
        byClient.computeIfPresent(client, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
