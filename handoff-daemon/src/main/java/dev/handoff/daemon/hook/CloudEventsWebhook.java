package dev.handoff.daemon.hook;

import dev.handoff.api.AsyncSuiteRunFinishedListener;
import dev.handoff.api.ContextValues;
import dev.handoff.api.FinishedRun;
import dev.handoff.api.HookConfig;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Sends every finished run to a URL as a CloudEvent (version 1.0, structured mode: the event is
 * the JSON body, {@code application/cloudevents+json}), with the run as {@code data}. The event's
 * id stays the same across retries of one delivery, so a receiver can drop duplicates.
 */
final class CloudEventsWebhook implements AsyncSuiteRunFinishedListener {

    static final String NAME = "webhook";
    static final String TYPE = "dev.handoff.suiterun.finished";
    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    private final URI url;
    private final HttpDelivery delivery = new HttpDelivery(NAME);
    private volatile URI source;

    CloudEventsWebhook(URI url) {
        this.url = url;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void init(HookConfig config) {
        source = config.publicUrl();
    }

    @Override
    public void suiteRunFinished(FinishedRun run, ContextValues values) {
        delivery.post(
                url,
                CONTENT_TYPE,
                Map.of(),
                HttpDelivery.json(event(run, UUID.randomUUID().toString())),
                "run " + run.number() + " of suite '" + run.suite() + "'");
    }

    Map<String, Object> event(FinishedRun run, String id) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", source.toString());
        event.put("type", TYPE);
        event.put("subject", source.relativize(run.url()).toString());
        event.put("time", run.finishedAt().toString());
        event.put("datacontenttype", "application/json");
        event.put("data", run);
        return event;
    }
}
