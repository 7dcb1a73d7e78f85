package dev.handoff.daemon.web;

import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.PendingLimitException;
import dev.handoff.daemon.model.RunConflictException;
import dev.handoff.daemon.model.ScheduleConflictException;
import dev.handoff.daemon.model.ShuttingDownException;
import dev.handoff.daemon.model.StoreUnavailableException;
import dev.handoff.daemon.model.UnknownGateException;
import dev.handoff.daemon.model.UnknownRunException;
import dev.handoff.daemon.model.UnknownScheduleException;
import dev.handoff.daemon.model.UnknownSuiteException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns what handlers throw into problem responses, so that handlers only throw: the domain's
 * exceptions to their statuses (unknown suite, run or schedule 404, invalid parameter 400, conflict 409,
 * shutting down or database unreachable 503, too many pending runs 429), a route that does not exist to 404 or, when the path exists with another
 * method, 405; anything else to a 500 that is logged and tells the client nothing of the daemon's
 * insides.
 *
 * <p>Failures before routing (a malformed request, a body over the size limit) never reach these
 * handlers: {@link ProblemDirectHandler} answers those.
 */
final class ErrorMapping {

    private static final System.Logger LOG = System.getLogger(ErrorMapping.class.getName());

    private ErrorMapping() {}

    static void register(HttpRouting.Builder routing) {
        routing.error(UnknownSuiteException.class, status(Status.NOT_FOUND_404))
                .error(UnknownRunException.class, status(Status.NOT_FOUND_404))
                .error(UnknownGateException.class, status(Status.NOT_FOUND_404))
                .error(RunConflictException.class, status(Status.CONFLICT_409))
                .error(UnknownScheduleException.class, status(Status.NOT_FOUND_404))
                .error(ScheduleConflictException.class, status(Status.CONFLICT_409))
                .error(ShuttingDownException.class, status(Status.SERVICE_UNAVAILABLE_503))
                .error(PendingLimitException.class, status(Status.TOO_MANY_REQUESTS_429))
                .error(StoreUnavailableException.class, ErrorMapping::databaseUnreachable)
                .error(
                        InvalidParameterException.class,
                        (request, response, e) ->
                                send(request, response, Status.BAD_REQUEST_400, e.getMessage(), e.parameter()))
                .error(
                        ProblemException.class,
                        (request, response, e) -> send(request, response, e.status(), e.getMessage(), e.parameter()))
                .error(NotFoundException.class, ErrorMapping::noRoute)
                .error(HttpException.class, ErrorMapping::http)
                .error(Throwable.class, ErrorMapping::unexpected);
    }

    /** The exception's message, which the domain writes in the user's words, under this status. */
    private static <T extends RuntimeException> ErrorHandler<T> status(Status status) {
        return (request, response, e) -> send(request, response, status, e.getMessage(), null);
    }

    /**
     * The database is away (an outage, a failover): the request did nothing, and the same request
     * may succeed in a moment. {@code /ready} answers 503 meanwhile, so a load balancer stops
     * sending requests here.
     */
    private static void databaseUnreachable(
            ServerRequest request, ServerResponse response, StoreUnavailableException e) {
        LOG.log(
                Level.WARNING,
                "%s %s: %s"
                        .formatted(
                                request.prologue().method().text(),
                                request.prologue().uriPath().rawPath(),
                                e.getMessage()));
        response.header(HeaderNames.RETRY_AFTER, "5");
        send(
                request,
                response,
                Status.SERVICE_UNAVAILABLE_503,
                "the daemon cannot reach its database right now; try again once GET /ready answers 200",
                null);
    }

    /** Helidon throws {@link NotFoundException} when no route matched: the path is unknown, or the method is. */
    private static void noRoute(ServerRequest request, ServerResponse response, NotFoundException e) {
        Method method = request.prologue().method();
        String path = request.prologue().uriPath().rawPath();
        List<Method> allowed = Route.methodsAt(request.prologue().uriPath());
        if (allowed.isEmpty()) {
            send(
                    request,
                    response,
                    Status.NOT_FOUND_404,
                    "there is nothing at %s; /openapi.yaml lists what the API has".formatted(path),
                    null);
            return;
        }
        String methods = allowed.stream().map(Method::text).collect(Collectors.joining(", "));
        response.header(HeaderNames.ALLOW, methods);
        send(
                request,
                response,
                Status.METHOD_NOT_ALLOWED_405,
                "%s takes %s, not %s".formatted(path, methods, method.text()),
                null);
    }

    /** Helidon's own refusals, such as a header it cannot parse. */
    private static void http(ServerRequest request, ServerResponse response, HttpException e) {
        if (e.status().family() == Status.Family.SERVER_ERROR) {
            unexpected(request, response, e);
            return;
        }
        e.headers().forEach(response::header);
        send(request, response, e.status(), e.getMessage(), null);
    }

    private static void unexpected(ServerRequest request, ServerResponse response, Throwable e) {
        LOG.log(
                Level.ERROR,
                "%s %s failed"
                        .formatted(
                                request.prologue().method().text(),
                                request.prologue().uriPath().rawPath()),
                e);
        send(
                request,
                response,
                Status.INTERNAL_SERVER_ERROR_500,
                "the daemon failed to answer this request; its log says why",
                null);
    }

    private static void send(
            ServerRequest request, ServerResponse response, Status status, String detail, String parameter) {
        Representation.problem(
                request,
                response,
                Problem.of(
                        status, detail, parameter, request.prologue().uriPath().rawPath()));
    }
}
