package dev.handoff.daemon.hook;

import dev.handoff.api.AsyncSuiteRunFinishedListener;
import dev.handoff.api.ContextValues;
import dev.handoff.api.FinishedRun;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Posts to a Slack incoming webhook when a run fails, and when a suite recovers (a run passes right
 * after a failed one). Runs that keep passing stay quiet. The message links to the run's page.
 */
final class SlackHook implements AsyncSuiteRunFinishedListener {

    static final String NAME = "slack";

    private final URI webhook;
    private final HttpDelivery delivery = new HttpDelivery(NAME);

    SlackHook(URI webhook) {
        this.webhook = webhook;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void suiteRunFinished(FinishedRun run, ContextValues values) {
        message(run)
                .ifPresent(text -> delivery.post(
                        webhook,
                        "application/json",
                        Map.of(),
                        HttpDelivery.json(Map.of("text", text)),
                        "run " + run.number() + " of suite '" + run.suite() + "'"));
    }

    /** Posts the digest of the suite's flaky tests, one line each, linking to the run that made it due. */
    void digest(FinishedRun run, List<String> lines) {
        StringBuilder text = new StringBuilder(":warning: Flaky tests of *" + escape(run.suite()) + "* after run #"
                + run.number() + " (<" + run.url() + "|open run>):");
        lines.forEach(line -> text.append("\n• ").append(escape(line)));
        delivery.post(
                webhook,
                "application/json",
                Map.of(),
                HttpDelivery.json(Map.of("text", text.toString())),
                "the flaky tests digest of suite '" + run.suite() + "'");
    }

    /** The message's text in Slack's mrkdwn, or none when the run is not worth a message. */
    static java.util.Optional<String> message(FinishedRun run) {
        String where = run.environment().isEmpty() ? "" : " on " + escape(run.environment());
        String link = " <" + run.url() + "|Open run #" + run.number() + ">";
        if (run.failed()) {
            String trace = Summaries.firstTracedFailure(run)
                    .map(test -> " <" + test.traceUrl().orElseThrow() + "|Trace of " + escape(test.test()) + ">")
                    .orElse("");
            return java.util.Optional.of(":red_circle: *" + escape(run.suite()) + "* failed in run #" + run.number()
                    + where + ": " + escape(Summaries.failure(run)) + "." + link + trace);
        }
        if (run.recovered()) {
            return java.util.Optional.of(":large_green_circle: *" + escape(run.suite()) + "* recovered in run #"
                    + run.number() + where + ": " + run.counts().passed() + " of "
                    + run.counts().total() + " tests passed." + link);
        }
        return java.util.Optional.empty();
    }

    /** Slack reads {@code &}, {@code <} and {@code >} as markup; in text they must be escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
