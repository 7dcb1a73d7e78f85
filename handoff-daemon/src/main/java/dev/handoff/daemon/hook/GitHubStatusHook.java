package dev.handoff.daemon.hook;

import dev.handoff.api.AsyncSuiteRunFinishedListener;
import dev.handoff.api.ContextValues;
import dev.handoff.api.FinishedRun;
import dev.handoff.api.StartedRun;
import dev.handoff.api.SuiteRunStartedListener;
import dev.handoff.daemon.model.Gate;
import dev.handoff.daemon.model.RunRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GitHub commit statuses for runs whose {@code ref} is a commit SHA: {@code pending} when the run
 * starts, {@code success} or {@code failure} when it ends ({@code error} when cancelled), with
 * the run's page as target URL and {@code handoff/SUITE} as context, so each suite is one check.
 * A run a gate made ({@code initiatedBy} {@code gate:ID}) names its gate: context {@code
 * handoff/gate-ID/SUITE}, description starting {@code Gate #ID:}, so that a deployment's checks say
 * which gate decided them.
 */
final class GitHubStatusHook implements SuiteRunStartedListener, AsyncSuiteRunFinishedListener {

    static final String NAME = "github";
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}");
    /** GitHub refuses longer descriptions. */
    private static final int MAX_DESCRIPTION = 140;

    private final String repository;
    private final String token;
    private final URI api;
    private final HttpDelivery delivery = new HttpDelivery(NAME);

    GitHubStatusHook(String repository, String token, URI api) {
        this.repository = repository;
        this.token = token;
        this.api = api;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void suiteRunStarted(StartedRun run) {
        sha(run.ref())
                .ifPresent(sha -> post(
                        sha,
                        "pending",
                        run.url(),
                        gatePrefix(run.initiatedBy()) + "Run #" + run.number() + " is running",
                        context(run.initiatedBy(), run.suite()),
                        "the start of run " + run.number() + " of suite '" + run.suite() + "'"));
    }

    @Override
    public void suiteRunFinished(FinishedRun run, ContextValues values) {
        Optional<String> sha = sha(run.ref());
        if (sha.isEmpty()) {
            return;
        }
        String state;
        String description;
        if (run.passed()) {
            state = "success";
            description = "Run #" + run.number() + " " + run.result() + ": "
                    + run.counts().passed() + " of " + run.counts().total() + " tests passed";
        } else if (run.failed()) {
            state = "failure";
            description = "Run #" + run.number() + " failed: " + Summaries.failure(run);
        } else {
            state = "error";
            description = "Run #" + run.number() + " was cancelled";
        }
        post(
                sha.get(),
                state,
                run.url(),
                gatePrefix(run.initiatedBy()) + description,
                context(run.initiatedBy(), run.suite()),
                "run " + run.number() + " of suite '" + run.suite() + "'");
    }

    /** {@code handoff/SUITE}, or {@code handoff/gate-ID/SUITE} for a gate's run. */
    static String context(String initiatedBy, String suite) {
        return "handoff/" + gate(initiatedBy).map(id -> "gate-" + id + "/").orElse("") + suite;
    }

    private static String gatePrefix(String initiatedBy) {
        return gate(initiatedBy).map(id -> "Gate #" + id + ": ").orElse("");
    }

    private static Optional<Long> gate(String initiatedBy) {
        return Gate.of(RunRequest.of(initiatedBy));
    }

    private static Optional<String> sha(Optional<String> ref) {
        return ref.map(String::strip).filter(r -> SHA.matcher(r).matches()).map(r -> r.toLowerCase(Locale.ROOT));
    }

    private void post(String sha, String state, URI target, String description, String context, String what) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state);
        body.put("target_url", target.toString());
        body.put("description", Summaries.clip(description, MAX_DESCRIPTION));
        body.put("context", context);
        String base = api.toString().endsWith("/") ? api.toString() : api + "/";
        URI uri = URI.create(base + "repos/" + repository + "/statuses/" + sha);
        delivery.post(
                uri,
                "application/json",
                Map.of(
                        "Accept", "application/vnd.github+json",
                        "Authorization", "Bearer " + token,
                        "X-GitHub-Api-Version", "2022-11-28"),
                HttpDelivery.json(body),
                what);
    }
}
