package dev.handoff.daemon.hook;

import dev.handoff.api.Hook;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The built-in hooks that are configured, each off until its endpoint or key is given. */
final class BuiltInHooks {

    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    private BuiltInHooks() {}

    /** @throws IllegalArgumentException naming the setting (never its secret value) when one is unusable */
    static List<Hook> configured(HookSettings settings) {
        List<Hook> hooks = new ArrayList<>();
        settings.slackWebhook().ifPresent(url -> hooks.add(new SlackHook(httpUrl("the Slack webhook URL", url))));
        settings.pagerDutyRoutingKey().ifPresent(key -> {
            if (key.isBlank()) {
                throw new IllegalArgumentException("the PagerDuty routing key is blank");
            }
            hooks.add(new PagerDutyHook(
                    key,
                    httpUrl("the PagerDuty events URL", settings.pagerDutyUrl().toString())));
        });
        if (settings.gitHubRepository().isPresent() || settings.gitHubToken().isPresent()) {
            String repository = settings.gitHubRepository()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "a GitHub token is set but no repository: give the repository as OWNER/REPO"));
            if (!REPOSITORY.matcher(repository).matches()) {
                throw new IllegalArgumentException(
                        "GitHub repository '" + repository + "' is not of the form OWNER/REPO");
            }
            String token = settings.gitHubToken()
                    .filter(t -> !t.isBlank())
                    .orElseThrow(() -> new IllegalArgumentException("GitHub repository '" + repository
                            + "' is set but no token that may write its commit statuses"));
            hooks.add(new GitHubStatusHook(
                    repository,
                    token,
                    httpUrl("the GitHub API URL", settings.gitHubApiUrl().toString())));
        }
        settings.webhookUrl().ifPresent(url -> hooks.add(new CloudEventsWebhook(httpUrl("the webhook URL", url))));
        return hooks;
    }

    /** An absolute http or https URL; the message names what it is for, not what it is. */
    static URI httpUrl(String what, String value) {
        try {
            URI uri = new URI(value);
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Reported below, without the value: it may carry a token.
        }
        throw new IllegalArgumentException(what + " is not an absolute http(s) URL");
    }
}
