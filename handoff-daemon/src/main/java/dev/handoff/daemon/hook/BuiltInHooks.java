package dev.handoff.daemon.hook;

import dev.handoff.api.Hook;
import dev.handoff.daemon.config.HookSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in hooks that are configured, each off until its endpoint or key is given. The
 * settings were checked when they were read (URLs, the repository's form, a token with it), so
 * that a bad one is named by its flag, variable or builder method.
 */
final class BuiltInHooks {

    private BuiltInHooks() {}

    static List<Hook> configured(HookSettings settings) {
        List<Hook> hooks = new ArrayList<>();
        settings.slackWebhook().ifPresent(url -> hooks.add(new SlackHook(url)));
        settings.pagerDutyRoutingKey().ifPresent(key -> hooks.add(new PagerDutyHook(key, settings.pagerDutyUrl())));
        settings.gitHubRepository()
                .ifPresent(repository -> hooks.add(new GitHubStatusHook(
                        repository, settings.gitHubToken().orElseThrow(), settings.gitHubApiUrl())));
        settings.webhookUrl().ifPresent(url -> hooks.add(new CloudEventsWebhook(url)));
        return hooks;
    }
}
