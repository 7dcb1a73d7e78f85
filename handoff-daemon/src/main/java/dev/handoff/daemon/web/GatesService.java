package dev.handoff.daemon.web;

import dev.handoff.daemon.model.GateRequest;
import dev.handoff.daemon.model.GateStatus;
import dev.handoff.daemon.model.GateVerdict;
import dev.handoff.daemon.web.GateViews.GateView;
import dev.handoff.daemon.web.html.GateModel;
import dev.handoff.daemon.web.html.GatesModel;
import dev.handoff.daemon.web.html.Pages;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Gates: making one (from a request of ours or Flagger's webhook), reading one, with {@code
 * wait=60s} holding the request until the verdict or the wait elapses, and the list of them.
 */
final class GatesService implements ApiService {

    /**
     * The longest a request may wait for a verdict ({@code wait}); a client that needs longer asks
     * again. The waiting request holds a virtual thread, which costs little.
     */
    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    /**
     * How long Flagger's call waits by default: Flagger gives a webhook 60 s unless its {@code
     * timeout} says otherwise, and an answer after that is lost. A longer timeout can be matched
     * with {@code ?wait=}.
     */
    static final Duration FLAGGER_WAIT = Duration.ofSeconds(50);

    /** What a caller told to come back (a gate still running under Flagger) is told to wait, in seconds. */
    static final int RETRY_AFTER_SECONDS = 10;

    private final ApiContext context;

    GatesService(ApiContext context) {
        this.context = context;
    }

    @Override
    public Map<Route, Handler> handlers() {
        Map<Route, Handler> handlers = new LinkedHashMap<>();
        handlers.put(Route.GATES, this::list);
        handlers.put(Route.CREATE_GATE, this::create);
        handlers.put(Route.FLAGGER_GATE, this::flagger);
        handlers.put(Route.GATE, this::show);
        return handlers;
    }

    private void list(ServerRequest request, ServerResponse response) {
        int limit = Params.limit(request.query());
        OptionalLong before = Params.gateBefore(request.query());
        List<GateStatus> gates = context.gates().list(limit, before);
        Optional<String> next = gates.size() == limit && gates.getLast().gate().id() > 1
                ? Optional.of(Paths.GATES + "?before=" + gates.getLast().gate().id() + "&limit=" + limit)
                : Optional.empty();
        Instant now = context.clock().instant();
        Representation.send(
                request,
                response,
                Status.OK_200,
                new GateViews.GatesPage(
                        gates.stream().map(gate -> GateView.of(gate, now)).toList(), next.orElse(null)),
                () -> Pages.gates(new GatesModel(gates, next, now)));
    }

    /** 201 with the new gate; 200 with the gate an earlier request with the same idempotency key got. */
    private void create(ServerRequest request, ServerResponse response) {
        Duration wait = wait(request);
        GateRequest gateRequest = GateRequests.read(request);
        GateActions.Created created = context.gates().create(gateRequest);
        GateStatus status = wait.isZero()
                ? created.status()
                : context.gates().await(created.status().gate().id(), wait);
        String url = Paths.gate(status.gate().id());
        if (created.created()) {
            response.header(HeaderNames.LOCATION, url);
        }
        Representation.send(
                request,
                response,
                created.created() ? Status.CREATED_201 : Status.OK_200,
                GateView.of(status, context.clock().instant()));
    }

    private void show(ServerRequest request, ServerResponse response) {
        long id = Params.gateId(request);
        GateStatus status = context.gates().await(id, wait(request));
        Instant now = context.clock().instant();
        Representation.send(
                request,
                response,
                Status.OK_200,
                GateView.of(status, now),
                () -> Pages.gate(new GateModel(status, now)));
    }

    /**
     * Flagger's webhook: 200 once the gate passed; 412 with the reason when it failed or timed out;
     * 503 with {@code Retry-After} while its runs go on past the wait, so that Flagger calls again
     * (its next call, with the same checksum, finds the same gate) and counts a failed check
     * meanwhile, as it does for any webhook that is not yet satisfied.
     */
    private void flagger(ServerRequest request, ServerResponse response) {
        Duration wait = Params.duration(request.query(), "wait", FLAGGER_WAIT, MAX_WAIT);
        GateActions.Created created = context.gates().create(GateRequests.flagger(request));
        GateStatus status = context.gates().await(created.status().gate().id(), wait);
        response.header(HeaderNames.LOCATION, Paths.gate(status.gate().id()));
        if (status.verdict() == GateVerdict.PASSED) {
            Representation.send(
                    request,
                    response,
                    Status.OK_200,
                    GateView.of(status, context.clock().instant()));
            return;
        }
        Status refusal;
        if (status.verdict().isFinal()) {
            refusal = Status.PRECONDITION_FAILED_412;
        } else {
            refusal = Status.SERVICE_UNAVAILABLE_503;
            response.header(HeaderNames.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        }
        Representation.problem(
                request,
                response,
                Problem.of(
                        refusal,
                        status.reason(),
                        null,
                        request.prologue().uriPath().rawPath()));
    }

    private static Duration wait(ServerRequest request) {
        return Params.duration(request.query(), "wait", Duration.ZERO, MAX_WAIT);
    }
}
