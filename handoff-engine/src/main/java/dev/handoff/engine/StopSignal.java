package dev.handoff.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Stops an execution from outside, as the suite timeout does from inside: tests not started yet
 * are kept from starting, a running test is interrupted (and abandoned after {@link
 * HandoffTestEngine#TIMEOUT_GRACE}), and every test without a result fails with the reason.
 *
 * <p>Configuration parameters can only carry strings, so a launcher opens a signal, passes its
 * {@link #key()} as {@link HandoffTestEngine#STOP_SIGNAL}, and closes it after the execution. A
 * signal stopped before the execution starts stops it at once.
 *
 * <pre>{@code
 * try (StopSignal signal = StopSignal.open()) {
 *     // request with configurationParameter(HandoffTestEngine.STOP_SIGNAL, signal.key()), executed elsewhere;
 *     signal.stop("run cancelled");
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class StopSignal implements AutoCloseable {

    private static final Map<String, StopSignal> OPEN = new ConcurrentHashMap<>();

    private final String key;
    private volatile String reason;

    private StopSignal(String key) {
        this.key = key;
    }

    public static StopSignal open() {
        StopSignal signal = new StopSignal(UUID.randomUUID().toString());
        OPEN.put(signal.key, signal);
        return signal;
    }

    /** The open signal with that key; empty when it was closed or never opened. */
    public static Optional<StopSignal> find(String key) {
        return Optional.ofNullable(OPEN.get(key));
    }

    public String key() {
        return key;
    }

    /** Stops the execution; the first reason given is the one tests are failed with. */
    public void stop(String reason) {
        Objects.requireNonNull(reason, "reason");
        synchronized (this) {
            if (this.reason == null) {
                this.reason = reason;
            }
        }
    }

    /** Why it was stopped; empty while it was not. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public void close() {
        OPEN.remove(key);
    }
}
