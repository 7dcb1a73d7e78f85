package dev.handoff.daemon.web;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for a request's headers: a client has {@link #DEADLINE} from the end of its request
 * line to the end of its headers, or its connection is closed. Helidon bounds the pause between two
 * reads, not the time of all of them, so a client sending a header byte every few seconds would
 * otherwise hold its connection (and a thread) for hours. Connections that wait for a request line
 * are ended by Helidon's idle timeout ({@link DaemonServer#IDLE_TIMEOUT}).
 */
final class HeaderDeadline implements Http1ConnectionListener {

    /** Far more than any client on a working network needs for a few KiB of headers. */
    static final Duration DEADLINE = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(HeaderDeadline.class.getName());
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Duration deadline;
    private final Map<ConnectionContext, ScheduledFuture<?>> waiting = new ConcurrentHashMap<>();

    HeaderDeadline() {
        this(DEADLINE);
    }

    HeaderDeadline(Duration deadline) {
        this.deadline = deadline;
    }

    @Override
    public void prologue(ConnectionContext context, HttpPrologue prologue) {
        ScheduledFuture<?> expiry = TIMER.schedule(() -> expire(context), deadline.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> earlier = waiting.put(context, expiry);
        if (earlier != null) {
            earlier.cancel(false);
        }
    }

    @Override
    public void headers(ConnectionContext context, Headers headers) {
        ScheduledFuture<?> expiry = waiting.remove(context);
        if (expiry != null) {
            expiry.cancel(false);
        }
    }

    private void expire(ConnectionContext context) {
        if (waiting.remove(context) == null) {
            return;
        }
        LOG.log(
                System.Logger.Level.INFO,
                () -> "closed a connection from %s: its request's headers took longer than %s"
                        .formatted(context.remotePeer().host(), deadline));
        context.serverSocket().close();
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "handoff-header-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
