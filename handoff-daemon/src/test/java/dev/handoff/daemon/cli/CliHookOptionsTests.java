package dev.handoff.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.config.DaemonConfig;
import dev.handoff.daemon.config.HookSettings;
import dev.handoff.daemon.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook options of {@code serve}: flags, variables and the config file, and secrets that never show. */
class CliHookOptionsTests {

    @TempDir
    Path temp;

    @Test
    void everyBuiltInHookIsOffByDefault() {
        HookSettings hooks = settings(Cli.serveOptions(Map.of()));

        assertThat(hooks.slackWebhook()).isEmpty();
        assertThat(hooks.pagerDutyRoutingKey()).isEmpty();
        assertThat(hooks.gitHubRepository()).isEmpty();
        assertThat(hooks.gitHubToken()).isEmpty();
        assertThat(hooks.webhookUrl()).isEmpty();
        assertThat(hooks.publicUrl()).isEmpty();
        assertThat(hooks.pagerDutyUrl()).isEqualTo(Settings.PAGERDUTY_URL.defaultValue());
        assertThat(hooks.gitHubApiUrl()).isEqualTo(Settings.GITHUB_API_URL.defaultValue());
        assertThat(hooks.timeout()).isEqualTo(Handoff.builder().config().hooks().timeout());
        assertThat(hooks.asyncTimeout())
                .isEqualTo(Handoff.builder().config().hooks().asyncTimeout());
    }

    @Test
    void flagsVariablesAndTheConfigFileConfigureTheBuiltInHooks() throws IOException {
        Path config = Files.writeString(temp.resolve("handoff.properties"), """
                github-repository=acme/shop
                pagerduty-routing-key=from-file
                async-hook-timeout=1m
                """);
        Map<String, String> env = Map.of(
                "HANDOFF_SLACK_WEBHOOK_URL", "https://hooks.slack.example/services/T/B/X",
                "HANDOFF_GITHUB_TOKEN", "ghp_env",
                "HANDOFF_PAGERDUTY_ROUTING_KEY", "from-env");

        HookSettings hooks = settings(Cli.serveOptions(
                env,
                "--config",
                config.toString(),
                "--public-url",
                "https://handoff.example/",
                "--webhook-url",
                "https://events.example/in",
                "--hook-setting",
                "jira.project=SHOP",
                "--hook-setting",
                "jira.url=https://jira.example",
                "--hook-timeout",
                "2s"));

        assertThat(hooks.publicUrl()).contains(URI.create("https://handoff.example/"));
        assertThat(hooks.slackWebhook()).contains(URI.create("https://hooks.slack.example/services/T/B/X"));
        assertThat(hooks.pagerDutyRoutingKey()).contains("from-env");
        assertThat(hooks.gitHubRepository()).contains("acme/shop");
        assertThat(hooks.gitHubToken()).contains("ghp_env");
        assertThat(hooks.webhookUrl()).contains(URI.create("https://events.example/in"));
        assertThat(hooks.settings())
                .isEqualTo(Map.of("jira", Map.of("project", "SHOP", "url", "https://jira.example")));
        assertThat(hooks.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(hooks.asyncTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void helpNamesEveryHookOptionButNeverShowsASecretGivenByVariable() {
        Cli.Result help = Cli.run(
                Map.of(
                        "HANDOFF_SLACK_WEBHOOK_URL",
                        "https://hooks.slack.example/SECRET1",
                        "HANDOFF_PAGERDUTY_ROUTING_KEY",
                        "SECRET2",
                        "HANDOFF_GITHUB_TOKEN",
                        "SECRET3",
                        "HANDOFF_WEBHOOK_URL",
                        "https://events.example/SECRET4"),
                "serve",
                "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .contains(
                        "--public-url=URL",
                        "HANDOFF_PUBLIC_URL",
                        "--slack-webhook-url=URL",
                        "HANDOFF_SLACK_WEBHOOK_URL",
                        "--pagerduty-routing-key=KEY",
                        "HANDOFF_PAGERDUTY_ROUTING_KEY",
                        "--github-repository=OWNER/REPO",
                        "--github-token=TOKEN",
                        "HANDOFF_GITHUB_TOKEN",
                        "--webhook-url=URL",
                        "--hook-setting=HOOK.KEY=VALUE",
                        "--hook-timeout=DURATION",
                        "Default: 5s",
                        "--async-hook-timeout=DURATION",
                        "Default: 30s")
                .doesNotContain("SECRET");
        assertThat(Cli.serveSources(Map.of("HANDOFF_GITHUB_TOKEN", "SECRET3")).toString())
                .contains("github-token=(hidden)")
                .doesNotContain("SECRET");
        assertThat(Cli.serveOptions(Map.of("HANDOFF_GITHUB_TOKEN", "SECRET3", "HANDOFF_GITHUB_REPOSITORY", "acme/shop"))
                        .toString())
                .contains("gitHub=acme/shop")
                .doesNotContain("SECRET");
    }

    @Test
    void oneHookSettingCanComeFromItsVariable() {
        HookSettings hooks = settings(Cli.serveOptions(Map.of("HANDOFF_HOOK_SETTING", "jira.project=SHOP")));

        assertThat(hooks.settings()).isEqualTo(Map.of("jira", Map.of("project", "SHOP")));
    }

    @Test
    void aHookSettingWithoutAHookNameIsRefusedInOneLine() {
        Cli.Result result = Cli.run("serve", "--suites", temp.toString(), "--hook-setting", "project=SHOP");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--hook-setting 'project' is not of the form HOOK.KEY=VALUE");
    }

    @Test
    void aBadSlackUrlStopsServeWithoutRepeatingIt() {
        Cli.Result result = Cli.run(
                Map.of("HANDOFF_SLACK_WEBHOOK_URL", "hooks.slack.example/SECRET"),
                "serve",
                "--suites",
                temp.toString(),
                "--data-dir",
                temp.resolve("data").toString(),
                "--port",
                "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("HANDOFF_SLACK_WEBHOOK_URL is not an absolute http(s) URL")
                .doesNotContain("SECRET");
    }

    private static HookSettings settings(DaemonConfig config) {
        return config.hooks();
    }
}
