package dev.handoff.daemon.config;

import dev.handoff.api.Hook;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What hooks a daemon calls and how: the built-in ones that are configured, hook objects given in
 * library mode, settings for hooks by name, and the time each call may take. Endpoints and tokens
 * are secrets (a Slack webhook URL is its own credential): {@link #toString()} leaves them out, so
 * settings can be logged.
 *
 * @param publicUrl where people reach the daemon's pages, for links; empty: the daemon's own URL
 * @param slackWebhook a Slack incoming-webhook URL
 * @param pagerDutyRoutingKey the routing (integration) key of a PagerDuty Events API v2 integration
 * @param pagerDutyUrl where PagerDuty events go
 * @param gitHubRepository {@code OWNER/REPO} whose commits get statuses
 * @param gitHubToken a token that may write commit statuses of that repository
 * @param gitHubApiUrl GitHub's REST API (GitHub Enterprise has its own)
 * @param webhookUrl where each finished run goes as a CloudEvent
 * @param hooks hook objects given in library mode
 * @param settings settings of hooks by hook name, then key
 * @param serviceLoader whether hooks are looked up with {@code ServiceLoader} as well
 * @param timeout how long a hook called on the run's thread may take per call
 * @param asyncTimeout how long an async hook may take per call, retries included
 */
@API(status = API.Status.EXPERIMENTAL)
public record HookSettings(
        Optional<URI> publicUrl,
        Optional<URI> slackWebhook,
        Optional<String> pagerDutyRoutingKey,
        URI pagerDutyUrl,
        Optional<String> gitHubRepository,
        Optional<String> gitHubToken,
        URI gitHubApiUrl,
        Optional<URI> webhookUrl,
        List<Hook> hooks,
        Map<String, Map<String, String>> settings,
        boolean serviceLoader,
        Duration timeout,
        Duration asyncTimeout) {

    public HookSettings {
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(slackWebhook, "slackWebhook");
        Objects.requireNonNull(pagerDutyRoutingKey, "pagerDutyRoutingKey");
        Objects.requireNonNull(pagerDutyUrl, "pagerDutyUrl");
        Objects.requireNonNull(gitHubRepository, "gitHubRepository");
        Objects.requireNonNull(gitHubToken, "gitHubToken");
        Objects.requireNonNull(gitHubApiUrl, "gitHubApiUrl");
        Objects.requireNonNull(webhookUrl, "webhookUrl");
        hooks = List.copyOf(hooks);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        settings.forEach((hook, values) -> copy.put(hook, Map.copyOf(values)));
        settings = Map.copyOf(copy);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(asyncTimeout, "asyncTimeout");
    }

    static HookSettings of(Values values) {
        Names names = new Names(values);
        names.requires(Settings.GITHUB_TOKEN, Settings.GITHUB_REPOSITORY, "the repository as OWNER/REPO");
        names.requires(Settings.GITHUB_REPOSITORY, Settings.GITHUB_TOKEN, "a token that may write its commit statuses");
        return new HookSettings(
                values.find(Settings.PUBLIC_URL),
                values.find(Settings.SLACK_WEBHOOK_URL),
                values.find(Settings.PAGERDUTY_ROUTING_KEY),
                values.get(Settings.PAGERDUTY_URL),
                values.find(Settings.GITHUB_REPOSITORY),
                values.find(Settings.GITHUB_TOKEN),
                values.get(Settings.GITHUB_API_URL),
                values.find(Settings.WEBHOOK_URL),
                values.get(Settings.HOOKS),
                values.get(Settings.HOOK_SETTING),
                values.get(Settings.SERVICE_LOADER_HOOKS),
                values.get(Settings.HOOK_TIMEOUT),
                values.get(Settings.ASYNC_HOOK_TIMEOUT));
    }

    /** Which hooks are on, without a single endpoint, key or token. */
    @Override
    public String toString() {
        return "HookSettings[publicUrl=" + publicUrl.map(URI::toString).orElse("(the daemon's URL)")
                + ", slack=" + on(slackWebhook) + ", pagerDuty=" + on(pagerDutyRoutingKey)
                + ", gitHub=" + gitHubRepository.orElse("off") + ", webhook=" + on(webhookUrl)
                + ", hooks=" + hooks.stream().map(Hook::name).toList() + ", settings for " + settings.keySet()
                + ", serviceLoader=" + serviceLoader + ", timeout=" + timeout + ", asyncTimeout=" + asyncTimeout + "]";
    }

    private static String on(Optional<?> secret) {
        return secret.isPresent() ? "on (hidden)" : "off";
    }
}
