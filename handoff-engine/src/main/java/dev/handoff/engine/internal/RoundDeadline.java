package dev.handoff.engine.internal;

import dev.handoff.api.internal.SuiteRunState;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.platform.engine.ExecutionRequest;

/**
 * Runs a round on its own thread so that the suite timeout or a stop signal can end it: tests not
 * started yet are kept from starting, running ones are interrupted, and a test that ignores the
 * interrupt is abandoned after the grace period.
 */
final class RoundDeadline {

    /** How often a round waiting for its tests looks at the stop signal. */
    private static final Duration STOP_POLL = Duration.ofMillis(50);

    private final ExecutionState state;

    RoundDeadline(ExecutionState state) {
        this.state = state;
    }

    /** Runs the round; false when the suite timeout or a stop ended it. */
    boolean execute(ExecutionRequest inner, int attempt, Instant deadline, SuiteRunState runState, Round round) {
        SuiteSettings settings = state.settings;
        AtomicReference<Throwable> crash = new AtomicReference<>();
        Thread thread = Thread.ofPlatform()
                .daemon()
                .name("handoff-" + settings.name() + "-attempt-" + attempt)
                .unstarted(() -> {
                    try {
                        JupiterBridge.jupiter().execute(inner);
                    } catch (Throwable t) {
                        crash.set(t);
                    }
                });
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        thread.start();
        boolean finished = await(thread, deadline);
        if (!finished) {
            String reason = settings.stopRequested().orElseGet(settings::timeoutReason);
            state.stopReason = reason;
            runState.stop(reason);
            round.interruptRunningTests();
            thread.interrupt();
            if (!awaitGrace(thread)) {
                round.abandon();
                return false;
            }
        }
        if (crash.get() instanceof VirtualMachineError error) {
            state.roundCrashed(error);
        } else if (crash.get() != null) {
            synchronized (state) {
                state.suiteFailures.add(crash.get());
            }
        }
        return finished;
    }

    /** After a stop: waits up to the grace period for the interrupted round to end; true when it did. */
    private boolean awaitGrace(Thread thread) {
        try {
            thread.join(state.settings.grace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /**
     * Waits for the round's thread until the deadline (none: forever) or a stop signal; true when
     * it ended by itself. The signal is polled: a stop takes effect within {@link #STOP_POLL}.
     */
    private boolean await(Thread thread, Instant deadline) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    long millis = deadline == null
                            ? Long.MAX_VALUE
                            : Duration.between(Instant.now(), deadline).toMillis();
                    if (millis <= 0 || state.settings.stopRequested().isPresent()) {
                        return !thread.isAlive();
                    }
                    thread.join(Math.min(millis, STOP_POLL.toMillis()));
                    if (!thread.isAlive()) {
                        return true;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
