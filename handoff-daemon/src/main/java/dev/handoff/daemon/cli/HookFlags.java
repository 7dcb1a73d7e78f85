package dev.handoff.daemon.cli;

import dev.handoff.daemon.hook.HookSettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * The hook options of {@code handoff serve}. Secrets (webhook URLs, keys, tokens) never show in
 * the usage help, not even when a variable gives them: pass them as {@code HANDOFF_*} variables
 * or in the config file rather than as flags, which other users of the machine can see.
 */
final class HookFlags {

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            showDefaultValue = Visibility.NEVER,
            description = {
                "Where people reach this daemon; links in hook messages start with it. Env: HANDOFF_PUBLIC_URL.",
                "Default: the address it listens on"
            })
    URI publicUrl;

    @Option(
            names = "--slack-webhook-url",
            paramLabel = "URL",
            showDefaultValue = Visibility.NEVER,
            description = {
                "Slack incoming webhook: a message when a run fails and when a suite recovers. "
                        + "Env: HANDOFF_SLACK_WEBHOOK_URL.",
                "Default: off"
            })
    String slackWebhookUrl;

    @Option(
            names = "--pagerduty-routing-key",
            paramLabel = "KEY",
            showDefaultValue = Visibility.NEVER,
            description = {
                "PagerDuty Events API v2 routing key: a failed run triggers an alert, the next pass resolves it. "
                        + "Env: HANDOFF_PAGERDUTY_ROUTING_KEY.",
                "Default: off"
            })
    String pagerDutyRoutingKey;

    @Option(
            names = "--pagerduty-url",
            paramLabel = "URL",
            showDefaultValue = Visibility.NEVER,
            description = {
                "Where PagerDuty events go. Env: HANDOFF_PAGERDUTY_URL.",
                "Default: https://events.pagerduty.com/v2/enqueue"
            })
    URI pagerDutyUrl;

    @Option(
            names = "--github-repository",
            paramLabel = "OWNER/REPO",
            showDefaultValue = Visibility.NEVER,
            description = {
                "Sets commit statuses of this repository for runs whose ref is a commit SHA (needs --github-token). "
                        + "Env: HANDOFF_GITHUB_REPOSITORY.",
                "Default: off"
            })
    String gitHubRepository;

    @Option(
            names = "--github-token",
            paramLabel = "TOKEN",
            showDefaultValue = Visibility.NEVER,
            description = {
                "A token that may write the repository's commit statuses. Env: HANDOFF_GITHUB_TOKEN.",
                "Default: none"
            })
    String gitHubToken;

    @Option(
            names = "--github-api-url",
            paramLabel = "URL",
            showDefaultValue = Visibility.NEVER,
            description = {
                "GitHub's REST API (GitHub Enterprise has its own). Env: HANDOFF_GITHUB_API_URL.",
                "Default: https://api.github.com"
            })
    URI gitHubApiUrl;

    @Option(
            names = "--webhook-url",
            paramLabel = "URL",
            showDefaultValue = Visibility.NEVER,
            description = {
                "Every finished run goes to this URL as a CloudEvent (JSON). Env: HANDOFF_WEBHOOK_URL.",
                "Default: off"
            })
    String webhookUrl;

    @Option(
            names = "--hook-setting",
            paramLabel = "HOOK.KEY=VALUE",
            showDefaultValue = Visibility.NEVER,
            description = {
                "A setting for a hook found on the classpath or suites path; repeatable. Env: HANDOFF_HOOK_SETTING "
                        + "(one setting).",
                "Default: none"
            })
    Map<String, String> hookSettings = new LinkedHashMap<>();

    @Option(
            names = "--hook-timeout",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = OptionTypes.Length.class,
            description = "How long a hook called on the run's thread may take per call. Env: HANDOFF_HOOK_TIMEOUT.")
    Duration hookTimeout = HookSettings.DEFAULT_TIMEOUT;

    @Option(
            names = "--async-hook-timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = OptionTypes.Length.class,
            description =
                    "How long an async hook (Slack, PagerDuty, GitHub, webhook) may take per call, retries included. "
                            + "Env: HANDOFF_ASYNC_HOOK_TIMEOUT.")
    Duration asyncHookTimeout = HookSettings.DEFAULT_ASYNC_TIMEOUT;

    /** @throws CliException for a hook setting that is not {@code HOOK.KEY=VALUE} */
    HookOptions options() {
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        hookSettings.forEach((name, value) -> {
            int dot = name.indexOf('.');
            if (dot <= 0 || dot == name.length() - 1) {
                throw new CliException("--hook-setting '" + name + "' is not of the form HOOK.KEY=VALUE");
            }
            settings.computeIfAbsent(name.substring(0, dot), hook -> new LinkedHashMap<>())
                    .put(name.substring(dot + 1), value);
        });
        return new HookOptions(
                Optional.ofNullable(publicUrl),
                Optional.ofNullable(slackWebhookUrl),
                Optional.ofNullable(pagerDutyRoutingKey),
                Optional.ofNullable(pagerDutyUrl),
                Optional.ofNullable(gitHubRepository),
                Optional.ofNullable(gitHubToken),
                Optional.ofNullable(gitHubApiUrl),
                Optional.ofNullable(webhookUrl),
                settings,
                hookTimeout,
                asyncHookTimeout);
    }
}
