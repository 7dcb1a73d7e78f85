package dev.handoff.daemon.hook;

import dev.handoff.daemon.metrics.DaemonMetrics;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One call of a hook, on a virtual thread of its own, waited for at most the timeout: what the
 * hook throws or how long it hangs stays with the hook. A call that throws or runs out of time is
 * logged and counted in {@code handoff_hook_errors_total}; one that overstays is interrupted and
 * abandoned.
 */
final class GuardedCall {

    private static final System.Logger LOG = System.getLogger(GuardedCall.class.getName());

    private GuardedCall() {}

    /** How a call ended. */
    enum Outcome {
        RETURNED,
        THREW,
        /** Ran out of time (or the caller was interrupted) and was abandoned. */
        ABANDONED
    }

    static Outcome run(String hook, String what, Duration timeout, DaemonMetrics metrics, Runnable call) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = Thread.ofVirtual().name("handoff-hook-" + hook).start(() -> {
            try {
                call.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        boolean finished;
        try {
            finished = thread.join(timeout);
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            metrics.hookError(hook);
            LOG.log(Level.WARNING, "hook '%s' was abandoned for %s: the daemon is stopping".formatted(hook, what));
            return Outcome.ABANDONED;
        }
        if (!finished) {
            thread.interrupt();
            metrics.hookError(hook);
            LOG.log(
                    Level.WARNING,
                    "hook '%s' took longer than %s for %s and was interrupted".formatted(hook, timeout, what));
            return Outcome.ABANDONED;
        }
        Throwable problem = thrown.get();
        if (problem != null) {
            metrics.hookError(hook);
            LOG.log(Level.WARNING, "hook '%s' failed for %s: %s".formatted(hook, what, problem), problem);
            return Outcome.THREW;
        }
        return Outcome.RETURNED;
    }
}
