package dev.handoff.daemon.web;

import dev.handoff.daemon.model.RunDetail;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.UnknownRunException;
import dev.handoff.daemon.web.html.Pages;
import dev.handoff.daemon.web.html.RunModel;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A run as it goes, as server-sent events ({@code text/event-stream}): what the run's page
 * follows to update without reloading. An {@code update} event carries the page's live part
 * when the run changed (a result, a test, what is running), else at most every {@link #TICK} for
 * its durations, then {@code end} once the run finished. Streams are capped per client and in all
 * ({@link EventStreamSlots}).
 *
 * <p>The stream reads the store every {@link #POLL} rather than hooking into the runner, so it
 * shows exactly what the API shows (also a run another replica executes). Each open stream holds
 * one virtual thread and reads one run; it ends with the run, when the reader leaves, or after
 * {@link #LONGEST} (an {@code EventSource} reconnects by itself). The events are written by hand:
 * three kinds of lines of the {@code text/event-stream} format need no module of their own.
 */
final class RunEventsService implements ApiService {

    static final Duration POLL = Duration.ofMillis(500);
    static final Duration LONGEST = Duration.ofMinutes(30);
    /**
     * A comment line this often keeps proxies from closing a quiet stream, and lets the daemon notice
     * a reader that left (and free its slot) within seconds.
     */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(5);
    /** How often the live part is sent while only its durations change. */
    static final Duration TICK = Duration.ofSeconds(10);

    private static final HttpMediaType EVENT_STREAM =
            HttpMediaType.create("text/event-stream").withCharset(StandardCharsets.UTF_8);

    private final ApiContext context;
    private final EventStreamSlots slots;

    RunEventsService(ApiContext context) {
        this(context, new EventStreamSlots());
    }

    RunEventsService(ApiContext context, EventStreamSlots slots) {
        this.context = context;
        this.slots = slots;
    }

    /** An {@code update} event's data. */
    record Update(String suite, long run, String result, boolean finished, String html) {}

    @Override
    public Map<Route, Handler> handlers() {
        return Map.of(Route.RUN_EVENTS, this::events);
    }

    private void events(ServerRequest request, ServerResponse response) {
        RunId id = Params.runId(request);
        RunDetail detail = context.store().detail(id).orElseThrow(() -> new UnknownRunException(id));
        try (EventStreamSlots.Slot slot = slots.take(request.remotePeer().host())) {
            events(response, detail);
        }
    }

    private void events(ServerResponse response, RunDetail detail) {
        response.status(Status.OK_200);
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        response.header(HeaderNames.create("X-Accel-Buffering"), "no");
        response.headers().contentType(EVENT_STREAM);
        try (OutputStream out = response.outputStream()) {
            stream(out, detail);
        } catch (IOException | UncheckedIOException e) {
            // The reader left: nothing to do.
        }
    }

    private void stream(OutputStream out, RunDetail first) throws IOException {
        Instant start = context.clock().instant();
        Instant written = start;
        Instant rendered = start;
        RunDetail last = null;
        Optional<RunDetail> detail = Optional.of(first);
        while (detail.isPresent()) {
            Instant now = context.clock().instant();
            RunModel model = new RunModel(detail.get(), now, context.traceLinks());
            boolean changed = !detail.get().equals(last);
            if (changed || Duration.between(rendered, now).compareTo(TICK) >= 0) {
                String html = Pages.runLive(model);
                RunId id = model.run().id();
                String data = new String(
                        Json.write(new Update(
                                id.suite(), id.number(), model.run().result().label(), model.finished(), html)),
                        StandardCharsets.UTF_8);
                send(out, "event: update\ndata: " + data + "\n\n");
                last = detail.get();
                written = now;
                rendered = now;
            } else if (Duration.between(written, now).compareTo(KEEP_ALIVE) >= 0) {
                send(out, ": still running\n\n");
                written = now;
            }
            if (model.finished()) {
                send(out, "event: end\ndata: {}\n\n");
                return;
            }
            if (Duration.between(start, now).compareTo(LONGEST) >= 0 || !pause()) {
                return;
            }
            detail = context.store().detail(first.run().id());
        }
    }

    private static void send(OutputStream out, String event) throws IOException {
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** @return false when interrupted (the server is stopping) */
    private static boolean pause() {
        try {
            Thread.sleep(POLL);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
