package dev.handoff.daemon.hook;

import dev.handoff.api.AsyncSuiteRunFinishedListener;
import dev.handoff.api.ContextValues;
import dev.handoff.api.FinishedRun;
import dev.handoff.api.FinishedTest;
import dev.handoff.api.HookConfig;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty Events API v2: a failed run triggers an alert, the suite's next passing run resolves
 * it. One dedup key per suite ({@code handoff/NAMESPACE/SUITE}), so repeated failures add to one
 * open alert instead of opening one each.
 */
final class PagerDutyHook implements AsyncSuiteRunFinishedListener {

    static final String NAME = "pagerduty";
    /** PagerDuty's limits: a dedup key of at most 255 characters, a summary of at most 1024. */
    private static final int MAX_DEDUP_KEY = 255;

    private static final int MAX_SUMMARY = 1024;
    private static final int MAX_LISTED_TESTS = 20;

    private final String routingKey;
    private final URI events;
    private final HttpDelivery delivery = new HttpDelivery(NAME);
    private volatile URI publicUrl;

    PagerDutyHook(String routingKey, URI events) {
        this.routingKey = routingKey;
        this.events = events;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void init(HookConfig config) {
        publicUrl = config.publicUrl();
    }

    @Override
    public void suiteRunFinished(FinishedRun run, ContextValues values) {
        String what = "run " + run.number() + " of suite '" + run.suite() + "'";
        if (run.failed()) {
            delivery.post(events, "application/json", Map.of(), HttpDelivery.json(trigger(run)), what);
        } else if (run.recovered()) {
            delivery.post(events, "application/json", Map.of(), HttpDelivery.json(resolve(run)), what);
        }
    }

    static String dedupKey(FinishedRun run) {
        return Summaries.clip("handoff/" + run.namespace() + "/" + run.suite(), MAX_DEDUP_KEY);
    }

    Map<String, Object> trigger(FinishedRun run) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("run", run.number());
        details.put("result", run.result());
        details.put(
                "failed_tests",
                run.tests().stream()
                        .filter(FinishedTest::failed)
                        .map(FinishedTest::test)
                        .limit(MAX_LISTED_TESTS)
                        .toList());
        details.put("ref", run.ref().orElse(null));
        details.put("initiated_by", run.initiatedBy());
        details.put("caller", run.caller().orElse(null));
        details.put("environment", run.environment());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(
                "summary",
                Summaries.clip(
                        run.suite() + " failed in run #" + run.number() + ": " + Summaries.failure(run), MAX_SUMMARY));
        payload.put("source", run.environment().isEmpty() ? publicUrl.getHost() : run.environment());
        payload.put("severity", "error");
        payload.put("timestamp", run.finishedAt().toString());
        payload.put("component", run.suite());
        payload.put("group", run.namespace());
        payload.put("class", "e2e test suite");
        payload.put("custom_details", details);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routing_key", routingKey);
        event.put("event_action", "trigger");
        event.put("dedup_key", dedupKey(run));
        event.put("payload", payload);
        event.put("client", "Handoff");
        event.put("client_url", publicUrl.toString());
        List<Map<String, String>> links = new java.util.ArrayList<>();
        links.add(Map.of("href", run.url().toString(), "text", "Run #" + run.number() + " of " + run.suite()));
        run.tests().stream()
                .filter(FinishedTest::failed)
                .filter(test -> test.traceUrl().isPresent())
                .limit(MAX_LISTED_TESTS)
                .forEach(test -> links.add(
                        Map.of("href", test.traceUrl().orElseThrow().toString(), "text", "Trace of " + test.test())));
        event.put("links", links);
        return event;
    }

    Map<String, Object> resolve(FinishedRun run) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routing_key", routingKey);
        event.put("event_action", "resolve");
        event.put("dedup_key", dedupKey(run));
        return event;
    }
}
