package dev.handoff.daemon.store;

import dev.handoff.daemon.model.StoreUnavailableException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Waiting out a database outage for work that must not be lost (a run's attempts, its end): the
 * work is tried again, pausing from {@link #FIRST_PAUSE} up to {@link #MAX_PAUSE} between tries,
 * for as long as the database stays away. The first failure and the recovery are logged once each,
 * not every try.
 */
@API(status = API.Status.INTERNAL)
public final class Outage {

    private static final System.Logger LOG = System.getLogger(Outage.class.getName());
    static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    /** The longest pause between tries: a database that is back is used within this. */
    public static final Duration MAX_PAUSE = Duration.ofSeconds(1);

    private final String what;
    private Duration pause = FIRST_PAUSE;
    private boolean logged;

    /** @param what what waits, for the log: "attempts of Checkout #3" */
    public Outage(String what) {
        this.what = what;
    }

    /**
     * The work failed for want of the database: pauses before the next try.
     *
     * @return false when the pause was interrupted (the daemon stops): give up
     */
    public boolean pause(StoreUnavailableException e) {
        if (!logged) {
            logged = true;
            LOG.log(Level.WARNING, what + " wait for the database: " + e.getMessage());
        }
        try {
            Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
        pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        return true;
    }

    /** The work succeeded. */
    public void over() {
        if (logged) {
            logged = false;
            pause = FIRST_PAUSE;
            LOG.log(Level.INFO, what + " stored; the database is back");
        }
    }

    /**
     * Does the work, waiting out outages until it succeeds or {@code giveUp} says so.
     *
     * @throws StoreUnavailableException when it gave up
     */
    public static <T> T untilDone(String what, BooleanSupplier giveUp, Supplier<T> work) {
        Outage outage = new Outage(what);
        while (true) {
            try {
                T result = work.get();
                outage.over();
                return result;
            } catch (StoreUnavailableException e) {
                if (giveUp.getAsBoolean() || !outage.pause(e)) {
                    throw e;
                }
            }
        }
    }
}
