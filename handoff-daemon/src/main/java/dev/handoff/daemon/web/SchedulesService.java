package dev.handoff.daemon.web;

import dev.handoff.daemon.schedule.ScheduleDefinition;
import dev.handoff.daemon.schedule.ScheduleStatus;
import dev.handoff.daemon.schedule.StoredSchedule;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schedules: listed, created or replaced ({@code PUT}), deleted, paused and resumed. JSON only;
 * the pages do not show schedules yet.
 */
final class SchedulesService implements ApiService {

    private final ApiContext context;

    SchedulesService(ApiContext context) {
        this.context = context;
    }

    @Override
    public Map<Route, Handler> handlers() {
        Map<Route, Handler> handlers = new LinkedHashMap<>();
        handlers.put(Route.SCHEDULES, this::list);
        handlers.put(Route.SCHEDULE, this::show);
        handlers.put(Route.PUT_SCHEDULE, this::put);
        handlers.put(Route.DELETE_SCHEDULE, this::delete);
        handlers.put(Route.PAUSE_SCHEDULE, this::pause);
        handlers.put(Route.RESUME_SCHEDULE, this::resume);
        return handlers;
    }

    /** {@code GET /schedules}. */
    record ScheduleList(List<ScheduleView> schedules) {}

    /** A schedule, with what it did so far; {@code cron} or {@code every} is null. */
    record ScheduleView(
            String name,
            String suite,
            String cron,
            String every,
            String filter,
            int maxRuns,
            String until,
            boolean declared,
            String state,
            Instant nextFireTime,
            int runCount,
            int skippedFires,
            Views.RunSummary lastRun,
            Instant startedAt,
            String url) {

        static ScheduleView of(ScheduleStatus status, Instant now) {
            StoredSchedule stored = status.stored();
            ScheduleDefinition definition = stored.definition();
            return new ScheduleView(definition.name(), definition.suite(), definition.cron().orElse(null),
                    definition.every().orElse(null), definition.filter().orElse(null), definition.maxRuns(),
                    definition.until().orElse(null), definition.declared(), status.state().label(),
                    status.nextFireTime().orElse(null), stored.runCount(), stored.skippedFires(),
                    status.lastRun().map(run -> Views.RunSummary.of(run, now)).orElse(null), stored.startedAt(),
                    Paths.schedule(definition.name()));
        }
    }

    private void list(ServerRequest request, ServerResponse response) {
        Instant now = context.clock().instant();
        Representation.send(request, response, Status.OK_200,
                new ScheduleList(context.schedules().list().stream().map(status -> ScheduleView.of(status, now)).toList()));
    }

    private void show(ServerRequest request, ServerResponse response) {
        send(request, response, Status.OK_200, context.schedules().find(name(request)));
    }

    private void put(ServerRequest request, ServerResponse response) {
        String name = name(request);
        boolean created = context.schedules().put(ScheduleRequests.read(request, name));
        if (created) {
            response.header(HeaderNames.LOCATION, Paths.schedule(name));
        }
        send(request, response, created ? Status.CREATED_201 : Status.OK_200, context.schedules().find(name));
    }

    private void delete(ServerRequest request, ServerResponse response) {
        context.schedules().delete(name(request));
        response.status(Status.NO_CONTENT_204).send();
    }

    private void pause(ServerRequest request, ServerResponse response) {
        send(request, response, Status.OK_200, context.schedules().pause(name(request)));
    }

    private void resume(ServerRequest request, ServerResponse response) {
        send(request, response, Status.OK_200, context.schedules().resume(name(request)));
    }

    private void send(ServerRequest request, ServerResponse response, Status status, ScheduleStatus schedule) {
        Representation.send(request, response, status, ScheduleView.of(schedule, context.clock().instant()));
    }

    private static String name(ServerRequest request) {
        return request.path().pathParameters().get("schedule");
    }
}
