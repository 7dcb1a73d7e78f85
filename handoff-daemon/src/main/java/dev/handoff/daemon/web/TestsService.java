package dev.handoff.daemon.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.api.internal.Durations;
import dev.handoff.daemon.access.Caller;
import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.Quarantine;
import dev.handoff.daemon.model.QuarantineEvent;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.StabilityRules;
import dev.handoff.daemon.model.TestOutcomes;
import dev.handoff.daemon.model.TestRunOutcome;
import dev.handoff.daemon.model.TestStability;
import dev.handoff.daemon.web.html.HistoryModel;
import dev.handoff.daemon.web.html.Pages;
import dev.handoff.daemon.web.html.TestsModel;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A suite's tests and their stability ({@code GET /suites/{suite}/tests}), one test's stability and
 * history ({@code GET /suites/{suite}/tests/{test}}), and its quarantine ({@code PUT} and {@code
 * DELETE .../quarantine}, and the test page's forms, which a browser follows back to the page).
 */
final class TestsService implements ApiService {

    /** How many of a suite's newest runs a test's result list looks at. */
    static final int HISTORY_RUNS = 50;

    private static final Set<String> QUARANTINE_FIELDS = Set.of("reason", "expiresAt", "expiresIn");

    private final ApiContext context;

    TestsService(ApiContext context) {
        this.context = context;
    }

    @Override
    public Map<Route, Handler> handlers() {
        Map<Route, Handler> handlers = new LinkedHashMap<>();
        handlers.put(Route.SUITE_TESTS, this::list);
        handlers.put(Route.PUT_QUARANTINE, this::quarantine);
        handlers.put(Route.DELETE_QUARANTINE, this::lift);
        handlers.put(Route.POST_QUARANTINE, this::quarantine);
        handlers.put(Route.POST_LIFT_QUARANTINE, this::lift);
        handlers.put(Route.TEST_HISTORY, this::show);
        return handlers;
    }

    /** {@code GET /suites/{suite}/tests}. */
    record SuiteTestsView(String suite, int window, RulesView rules, List<StabilityView> tests) {}

    /** The thresholds the stability was judged by. */
    record RulesView(int window, int minRuns, int brokenAfter, int flakyPercent, int flipPercent) {

        static RulesView of(StabilityRules rules) {
            return new RulesView(
                    rules.window(), rules.minRuns(), rules.brokenAfter(), rules.flakyPercent(), rules.flipPercent());
        }
    }

    /** A test's stability; absent values are null. */
    record StabilityView(
            String test,
            String stability,
            int runs,
            int passes,
            int failures,
            int flakyPasses,
            int softFailures,
            double flakeRate,
            double flipRate,
            double meanAttempts,
            int impact,
            String lastFailureMessage,
            Instant lastFailedAt,
            Instant stateChangedAt,
            String trend,
            boolean quarantined,
            QuarantineView quarantine,
            String url) {

        static StabilityView of(String suite, TestStability test) {
            return new StabilityView(
                    test.test(),
                    test.stability().label(),
                    test.runs(),
                    test.passes(),
                    test.failures(),
                    test.flakyPasses(),
                    test.softFailures(),
                    test.flakeRate(),
                    test.flipRate(),
                    test.meanAttempts(),
                    test.impact(),
                    test.lastFailureMessage().orElse(null),
                    test.lastFailedAt().orElse(null),
                    test.stateChangedAt().orElse(null),
                    test.trend(),
                    test.quarantined(),
                    test.quarantine().map(QuarantineView::of).orElse(null),
                    Paths.history(suite, test.test()));
        }
    }

    record QuarantineView(String reason, String by, Instant since, Instant expiresAt) {

        static QuarantineView of(Quarantine quarantine) {
            return new QuarantineView(
                    quarantine.reason(),
                    quarantine.by(),
                    quarantine.since(),
                    quarantine.expiresAt().orElse(null));
        }
    }

    record AuditView(String action, String reason, String actor, Instant at, Instant expiresAt) {

        static AuditView of(QuarantineEvent event) {
            return new AuditView(
                    event.action(),
                    event.reason().orElse(null),
                    event.actor(),
                    event.at(),
                    event.expiresAt().orElse(null));
        }
    }

    /** One run of the result strip, newest first. */
    record StripView(
            long run, String result, int attempts, boolean flaky, boolean quarantined, Instant finishedAt, String url) {

        static StripView of(String suite, String test, TestRunOutcome outcome) {
            return new StripView(
                    outcome.runNumber(),
                    outcome.result().label(),
                    outcome.attempts(),
                    outcome.flaky(),
                    outcome.quarantined(),
                    outcome.finishedAt(),
                    Paths.test(new RunId(suite, outcome.runNumber()), test));
        }
    }

    /**
     * {@code GET /suites/{suite}/tests/{test}}: the history as before ({@code runs}, {@code
     * flakeRate}, {@code outcomes}), its stability, the result strip of the window and the
     * quarantine audit list.
     */
    record TestDetailView(
            String suite,
            String test,
            int runs,
            double flakeRate,
            List<Views.OutcomeView> outcomes,
            StabilityView stability,
            List<StripView> strip,
            List<AuditView> quarantineAudit) {}

    private void list(ServerRequest request, ServerResponse response) {
        String suite = Params.suite(request);
        OptionalInt window = window(request);
        List<TestStability> tests = context.stability().suite(suite, window);
        StabilityRules rules = window.isPresent()
                ? context.stability().rules().withWindow(window.getAsInt())
                : context.stability().rules();
        Representation.send(
                request,
                response,
                Status.OK_200,
                new SuiteTestsView(
                        suite,
                        rules.window(),
                        RulesView.of(rules),
                        tests.stream()
                                .map(test -> StabilityView.of(suite, test))
                                .toList()),
                () -> Pages.tests(new TestsModel(suite, rules, tests)));
    }

    /**
     * A test the suite does not have (any more) still has its history, as long as runs have it.
     */
    private void show(ServerRequest request, ServerResponse response) {
        String suite = Params.suite(request);
        String test = request.path().pathParameters().get("test");
        OptionalInt window = window(request);
        TestOutcomes history = context.store().testHistory(suite, test, HISTORY_RUNS);
        if (history.outcomes().isEmpty() && context.catalog().find(suite).isEmpty()) {
            context.catalog().require(suite);
        }
        TestStability stability = context.stability().test(suite, test, window);
        List<QuarantineEvent> audit = context.stability().audit(suite, test);
        HistoryModel model = new HistoryModel(suite, test, history, stability, audit);
        Representation.send(
                request,
                response,
                Status.OK_200,
                new TestDetailView(
                        suite,
                        test,
                        history.runsLookedAt(),
                        history.flakeRate(),
                        history.outcomes().stream()
                                .map(outcome -> Views.OutcomeView.of(outcome, test))
                                .toList(),
                        StabilityView.of(suite, stability),
                        stability.outcomes().stream()
                                .map(outcome -> StripView.of(suite, test, outcome))
                                .toList(),
                        audit.stream().map(AuditView::of).toList()),
                () -> Pages.history(model));
    }

    /** {@code PUT} (JSON body), or the page's form; answers with the quarantine. */
    private void quarantine(ServerRequest request, ServerResponse response) {
        String suite = Params.suite(request);
        String test = request.path().pathParameters().get("test");
        Map<String, String> fields = fields(request);
        Optional<Instant> expiresAt = expiresAt(fields);
        Quarantine quarantine = context.stability()
                .quarantine(suite, test, fields.getOrDefault("reason", ""), caller(request), expiresAt);
        Representation.acted(
                request, response, Status.OK_200, QuarantineView.of(quarantine), Paths.history(suite, test));
    }

    /** {@code DELETE} (optional {@code ?reason=}), or the page's lift button. */
    private void lift(ServerRequest request, ServerResponse response) {
        String suite = Params.suite(request);
        String test = request.path().pathParameters().get("test");
        Optional<String> reason = Params.first(request.query(), "reason");
        if (reason.isEmpty() && request.prologue().method().text().equals("POST")) {
            reason = Optional.ofNullable(fields(request).get("reason"));
        }
        boolean lifted = context.stability().lift(suite, test, caller(request), reason);
        if (!lifted && !Representation.prefersHtml(request)) {
            throw new ProblemException(
                    Status.NOT_FOUND_404, "test '%s' of suite '%s' is not quarantined".formatted(test, suite));
        }
        if (Representation.prefersHtml(request)) {
            Representation.acted(request, response, Status.NO_CONTENT_204, null, Paths.history(suite, test));
            return;
        }
        response.status(Status.NO_CONTENT_204).send();
    }

    /** Who acts: the caller's name when tokens or certificates name one, else {@code api}. */
    private static String caller(ServerRequest request) {
        return request.context()
                .get(Caller.class)
                .map(Caller::name)
                .orElse(Representation.prefersHtml(request) ? "ui" : "api");
    }

    private static OptionalInt window(ServerRequest request) {
        Optional<String> text = Params.first(request.query(), "window");
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int runs = Integer.parseInt(text.get());
            if (runs >= 1 && runs <= StabilityRules.MAX_WINDOW) {
                return OptionalInt.of(runs);
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new InvalidParameterException(
                "window",
                "window '%s' must be a whole number of runs from 1 to %d"
                        .formatted(text.get(), StabilityRules.MAX_WINDOW));
    }

    /** {@code expiresAt} (an ISO-8601 instant) or {@code expiresIn} (a duration such as {@code 7d}), not both. */
    private Optional<Instant> expiresAt(Map<String, String> fields) {
        String at = fields.get("expiresAt");
        String in = fields.get("expiresIn");
        if (at != null && in != null) {
            throw new InvalidParameterException("expiresIn", "give expiresAt or expiresIn, not both");
        }
        if (at != null) {
            try {
                return Optional.of(Instant.parse(at));
            } catch (DateTimeParseException e) {
                throw new InvalidParameterException(
                        "expiresAt",
                        "expiresAt '%s' is not an ISO-8601 instant such as 2030-01-31T12:00:00Z".formatted(at));
            }
        }
        if (in != null) {
            try {
                return Optional.of(context.clock().instant().plus(Durations.parse(in)));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException(
                        "expiresIn", "expiresIn '%s' is not a duration such as 12h or 7d".formatted(in));
            }
        }
        return Optional.empty();
    }

    /** The body's fields: a JSON object of strings, or a form; unknown fields are refused by name. */
    private static Map<String, String> fields(ServerRequest request) {
        if (!request.content().hasEntity()) {
            return Map.of();
        }
        String type = request.headers()
                .contentType()
                .map(t -> t.mediaType().text().toLowerCase(Locale.ROOT))
                .orElse("");
        if (type.equals(FormFields.FORM)) {
            FormFields form = FormFields.read(request, QUARANTINE_FIELDS);
            Map<String, String> fields = new LinkedHashMap<>();
            QUARANTINE_FIELDS.forEach(name -> form.get(name).ifPresent(value -> fields.put(name, value)));
            return fields;
        }
        byte[] bytes = RequestBodies.read(request);
        if (bytes.length == 0) {
            return Map.of();
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidParameterException("body", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidParameterException("body", "the body is not valid JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidParameterException(
                    "body",
                    "a quarantine's body is a JSON object such as {\"reason\": \"JIRA-12\", \"expiresIn\": \"7d\"}");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!QUARANTINE_FIELDS.contains(field.getKey())) {
                throw new InvalidParameterException(
                        field.getKey(),
                        "the body has an unknown field '%s'; a quarantine takes reason, expiresAt and expiresIn"
                                .formatted(field.getKey()));
            }
            if (field.getValue().isNull()) {
                continue;
            }
            if (!field.getValue().isTextual()) {
                throw new InvalidParameterException(field.getKey(), field.getKey() + " must be a string");
            }
            fields.put(
                    field.getKey(),
                    Params.withoutNul(field.getKey(), field.getValue().asText()));
        }
        return fields;
    }
}
