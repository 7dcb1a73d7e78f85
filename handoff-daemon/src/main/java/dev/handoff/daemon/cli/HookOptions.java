package dev.handoff.daemon.cli;

import dev.handoff.daemon.Handoff;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code handoff serve} was told about hooks: the public URL for links, the built-in hooks'
 * endpoints and keys, settings for other hooks, and timeouts. {@link #toString()} leaves the
 * secrets out.
 *
 * @param settings by hook name, then key ({@code --hook-setting NAME.KEY=VALUE})
 */
record HookOptions(
        Optional<URI> publicUrl,
        Optional<String> slackWebhookUrl,
        Optional<String> pagerDutyRoutingKey,
        Optional<URI> pagerDutyUrl,
        Optional<String> gitHubRepository,
        Optional<String> gitHubToken,
        Optional<URI> gitHubApiUrl,
        Optional<String> webhookUrl,
        Map<String, Map<String, String>> settings,
        Duration hookTimeout,
        Duration asyncHookTimeout) {

    HookOptions {
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(slackWebhookUrl, "slackWebhookUrl");
        Objects.requireNonNull(pagerDutyRoutingKey, "pagerDutyRoutingKey");
        Objects.requireNonNull(pagerDutyUrl, "pagerDutyUrl");
        Objects.requireNonNull(gitHubRepository, "gitHubRepository");
        Objects.requireNonNull(gitHubToken, "gitHubToken");
        Objects.requireNonNull(gitHubApiUrl, "gitHubApiUrl");
        Objects.requireNonNull(webhookUrl, "webhookUrl");
        settings = Map.copyOf(settings);
        Objects.requireNonNull(hookTimeout, "hookTimeout");
        Objects.requireNonNull(asyncHookTimeout, "asyncHookTimeout");
    }

    void applyTo(Handoff.Builder builder) {
        publicUrl.ifPresent(builder::publicUrl);
        slackWebhookUrl.ifPresent(builder::slack);
        pagerDutyRoutingKey.ifPresent(builder::pagerDuty);
        pagerDutyUrl.ifPresent(builder::pagerDutyUrl);
        if (gitHubRepository.isPresent() || gitHubToken.isPresent()) {
            builder.gitHubStatus(gitHubRepository.orElse(null), gitHubToken.orElse(null));
        }
        gitHubApiUrl.ifPresent(builder::gitHubApiUrl);
        webhookUrl.ifPresent(builder::webhook);
        settings.forEach((hook, values) -> values.forEach((key, value) -> builder.hookSetting(hook, key, value)));
        builder.hookTimeout(hookTimeout).asyncHookTimeout(asyncHookTimeout);
    }

    @Override
    public String toString() {
        return "HookOptions[publicUrl=" + publicUrl.map(URI::toString).orElse("none") + ", slack=" + on(slackWebhookUrl)
                + ", pagerDuty=" + on(pagerDutyRoutingKey) + ", gitHub=" + gitHubRepository.orElse("off")
                + ", webhook=" + on(webhookUrl) + ", settings for " + settings.keySet() + "]";
    }

    private static String on(Optional<String> secret) {
        return secret.isPresent() ? "(hidden)" : "off";
    }
}
