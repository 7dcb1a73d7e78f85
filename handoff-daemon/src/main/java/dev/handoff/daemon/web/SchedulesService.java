package dev.handoff.daemon.web;

import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.ScheduleConflictException;
import dev.handoff.daemon.model.ScheduleDefinition;
import dev.handoff.daemon.model.ScheduleStatus;
import dev.handoff.daemon.model.StoredSchedule;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.UnknownSuiteException;
import dev.handoff.daemon.web.html.Pages;
import dev.handoff.daemon.web.html.SchedulesModel;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schedules: listed, created or replaced ({@code PUT}), deleted, paused and resumed. Browsers
 * get the schedules page, and its forms post to {@code POST /schedules} (create) and {@code POST
 * .../delete}, since a form can neither {@code PUT} nor {@code DELETE}; every action answers a
 * browser with {@code 303} back to the page.
 */
final class SchedulesService implements ApiService {

    private static final Set<String> FORM_FIELDS = Set.of("name", "suite", "kind", "expression", "filter", "maxRuns");

    private final ApiContext context;

    SchedulesService(ApiContext context) {
        this.context = context;
    }

    @Override
    public Map<Route, Handler> handlers() {
        Map<Route, Handler> handlers = new LinkedHashMap<>();
        handlers.put(Route.SCHEDULES, this::list);
        handlers.put(Route.POST_SCHEDULE, this::create);
        handlers.put(Route.POST_DELETE_SCHEDULE, this::delete);
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
            return new ScheduleView(
                    definition.name(),
                    definition.suite(),
                    definition.cron().orElse(null),
                    definition.every().orElse(null),
                    definition.filter().orElse(null),
                    definition.maxRuns(),
                    definition.until().orElse(null),
                    definition.declared(),
                    status.state().label(),
                    status.nextFireTime().orElse(null),
                    stored.runCount(),
                    stored.skippedFires(),
                    status.lastRun().map(run -> Views.RunSummary.of(run, now)).orElse(null),
                    stored.startedAt(),
                    Paths.schedule(definition.name()));
        }
    }

    private void list(ServerRequest request, ServerResponse response) {
        Instant now = context.clock().instant();
        List<ScheduleStatus> schedules = context.schedules().list();
        Representation.send(
                request,
                response,
                Status.OK_200,
                new ScheduleList(schedules.stream()
                        .map(status -> ScheduleView.of(status, now))
                        .toList()),
                () -> Pages.schedules(new SchedulesModel(schedules, suiteNames(), SchedulesModel.Form.EMPTY)));
    }

    /**
     * The page's create form. It never replaces: a name in use is a 409. A browser whose form was
     * refused gets the page again with what it typed and why, under the refusal's status.
     */
    private void create(ServerRequest request, ServerResponse response) {
        FormFields form = FormFields.read(request, FORM_FIELDS);
        String name = form.get("name").orElse("");
        boolean cron = form.get("kind").orElse("every").equals("cron");
        try {
            ScheduleDefinition definition = definition(form, name, cron);
            if (context.schedules().list().stream()
                    .anyMatch(s -> s.stored().definition().name().equals(name))) {
                throw new ScheduleConflictException(
                        "a schedule named '" + name + "' exists already; delete it first or pick another name");
            }
            context.schedules().put(definition);
        } catch (InvalidParameterException | UnknownSuiteException | ScheduleConflictException e) {
            if (!Representation.prefersHtml(request)) {
                throw e;
            }
            refused(response, form, cron, e);
            return;
        }
        response.header(HeaderNames.LOCATION, Paths.schedule(name));
        ScheduleView view =
                ScheduleView.of(context.schedules().find(name), context.clock().instant());
        Representation.acted(request, response, Status.CREATED_201, view, Paths.SCHEDULES);
    }

    private static ScheduleDefinition definition(FormFields form, String name, boolean cron) {
        if (name.isEmpty()) {
            throw new InvalidParameterException("name", "a schedule needs a name");
        }
        String suite = form.get("suite")
                .orElseThrow(() -> new InvalidParameterException("suite", "a schedule needs the suite it runs"));
        Optional<String> expression = form.get("expression");
        if (expression.isEmpty()) {
            throw new InvalidParameterException(
                    "expression",
                    cron
                            ? "a cron schedule needs its expression, such as 0 */5 * * * ?"
                            : "an every schedule needs its interval, such as 5m");
        }
        return new ScheduleDefinition(
                name,
                suite,
                cron ? expression : Optional.empty(),
                cron ? Optional.empty() : expression,
                form.get("filter"),
                maxRuns(form),
                Optional.empty(),
                false);
    }

    private static int maxRuns(FormFields form) {
        Optional<String> text = form.get("maxRuns");
        if (text.isEmpty()) {
            return 0;
        }
        try {
            int maxRuns = Integer.parseInt(text.get());
            if (maxRuns >= 0) {
                return maxRuns;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new InvalidParameterException(
                "maxRuns", "max runs must be a whole number (empty for no limit), not '" + text.get() + "'");
    }

    private void refused(ServerResponse response, FormFields form, boolean cron, RuntimeException e) {
        Status status = e instanceof UnknownSuiteException
                ? Status.NOT_FOUND_404
                : e instanceof ScheduleConflictException ? Status.CONFLICT_409 : Status.BAD_REQUEST_400;
        String field = switch (e) {
            case InvalidParameterException invalid ->
                invalid.parameter().equals("cron") || invalid.parameter().equals("every")
                        ? "expression"
                        : invalid.parameter();
            case UnknownSuiteException unknown -> "suite";
            default -> "name";
        };
        SchedulesModel.Form refused = new SchedulesModel.Form(
                form.get("name").orElse(""),
                form.get("suite").orElse(""),
                cron ? "cron" : "every",
                form.get("expression").orElse(""),
                form.get("filter").orElse(""),
                form.get("maxRuns").orElse(""),
                Optional.of(e.getMessage()),
                field);
        Representation.page(
                response,
                status,
                Pages.schedules(new SchedulesModel(context.schedules().list(), suiteNames(), refused)));
    }

    private List<String> suiteNames() {
        return context.catalog().suites().stream().map(Suite::name).toList();
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
        send(
                request,
                response,
                created ? Status.CREATED_201 : Status.OK_200,
                context.schedules().find(name));
    }

    /** {@code DELETE}, or the page's delete button, which a browser follows back to the page. */
    private void delete(ServerRequest request, ServerResponse response) {
        context.schedules().delete(name(request));
        if (Representation.prefersHtml(request)) {
            Representation.acted(request, response, Status.NO_CONTENT_204, null, Paths.SCHEDULES);
            return;
        }
        response.status(Status.NO_CONTENT_204).send();
    }

    private void pause(ServerRequest request, ServerResponse response) {
        acted(request, response, context.schedules().pause(name(request)));
    }

    private void resume(ServerRequest request, ServerResponse response) {
        acted(request, response, context.schedules().resume(name(request)));
    }

    private void acted(ServerRequest request, ServerResponse response, ScheduleStatus schedule) {
        Representation.acted(
                request,
                response,
                Status.OK_200,
                ScheduleView.of(schedule, context.clock().instant()),
                Paths.SCHEDULES);
    }

    private void send(ServerRequest request, ServerResponse response, Status status, ScheduleStatus schedule) {
        Representation.send(
                request,
                response,
                status,
                ScheduleView.of(schedule, context.clock().instant()));
    }

    private static String name(ServerRequest request) {
        return request.path().pathParameters().get("schedule");
    }
}
