package dev.handoff.daemon.web.html;

/**
 * The daemon-wide notice every page shows at its top while it holds (that access is open). The
 * pages are rendered from their models alone, so a filter in front of the routes sets it for the
 * request's thread and the layout reads it: no page model has to carry it.
 */
public final class Notice {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Notice() {}

    /** Runs {@code request} (a route's handling of one request) with {@code notice} on every page it renders. */
    public static void during(String notice, Runnable request) {
        String before = CURRENT.get();
        CURRENT.set(notice);
        try {
            request.run();
        } finally {
            CURRENT.set(before);
        }
    }

    /** The notice for the page being rendered on this thread; null when there is none. */
    public static String current() {
        return CURRENT.get();
    }
}
