package dev.handoff.daemon;

/** Pausing while waiting for runs in tests. */
public final class Runs {

    private Runs() {}

    public static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
