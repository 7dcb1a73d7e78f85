package dev.handoff.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.config.AccessConfig;
import dev.handoff.daemon.config.DaemonConfig;
import dev.handoff.daemon.config.Isolation;
import dev.handoff.daemon.config.Setting;
import dev.handoff.daemon.config.Settings;
import dev.handoff.daemon.config.TlsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliServeOptionsTests {

    @TempDir
    Path temp;

    @Test
    void helpListsEveryServeOptionWithItsDefaultAndVariable() {
        Cli.Result help = Cli.run("serve", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .contains(
                        "--port=PORT",
                        "Default: 1337",
                        "HANDOFF_PORT",
                        "--host=ADDRESS",
                        "Default: 0.0.0.0",
                        "HANDOFF_HOST",
                        "--data-dir=DIR",
                        "Default: ./handoff-data",
                        "HANDOFF_DATA_DIR",
                        "--suites=PATH",
                        "HANDOFF_SUITES",
                        "--max-concurrent-runs=N",
                        "Default: 4",
                        "HANDOFF_MAX_CONCURRENT_RUNS",
                        "--environment=NAME",
                        "HANDOFF_ENVIRONMENT",
                        "--shutdown-grace=DURATION",
                        "Default: 30s",
                        "HANDOFF_SHUTDOWN_GRACE",
                        "--retention=DURATION",
                        "Default: 30d",
                        "HANDOFF_RETENTION",
                        "--db-url=JDBC_URL",
                        "HANDOFF_DB_URL",
                        "--db-user=NAME",
                        "HANDOFF_DB_USER",
                        "--db-password=PASSWORD",
                        "HANDOFF_DB_PASSWORD",
                        "--db-password-file=FILE",
                        "HANDOFF_DB_PASSWORD_FILE",
                        "--max-pending-runs=N",
                        "Default: 100",
                        "HANDOFF_MAX_PENDING_RUNS",
                        "--api-tokens=FILE",
                        "HANDOFF_API_TOKENS",
                        "--public-read",
                        "HANDOFF_PUBLIC_READ",
                        "--tls-cert=FILE",
                        "HANDOFF_TLS_CERT",
                        "--tls-key=FILE",
                        "HANDOFF_TLS_KEY",
                        "--tls-client-ca=FILE",
                        "HANDOFF_TLS_CLIENT_CA",
                        "--tls-client-roles=FILE",
                        "HANDOFF_TLS_CLIENT_ROLES",
                        "--isolation=none|fork",
                        "Default: none",
                        "HANDOFF_ISOLATION",
                        "--fork-jvm-args=OPTIONS",
                        "HANDOFF_FORK_JVM_ARGS",
                        "--config=FILE",
                        "HANDOFF_CONFIG");
    }

    @Test
    void everyServeOptionNamesItsVariable() {
        var serve = HandoffCommand.commandLine(new CliContext(Map.of(), System.out, System.err))
                .getSubcommands()
                .get("serve");

        serve.getCommandSpec().options().stream()
                .filter(option -> !option.usageHelp() && !option.versionHelp())
                .forEach(option -> assertThat(String.join(" ", option.description()))
                        .as(option.longestName())
                        .contains(Setting.variable(OptionDefaults.key(option))));
    }

    @Test
    void defaultsAreTheLibrarysDefaults() {
        DaemonConfig options = Cli.serveOptions(Map.of());

        DaemonConfig library = Handoff.builder().config();
        assertThat(options).isEqualTo(library);
        assertThat(options.server().port()).isEqualTo(1337);
        assertThat(options.server().host()).isEqualTo("0.0.0.0");
        assertThat(options.storage().dataDir()).isEqualTo(Path.of("handoff-data"));
        assertThat(options.runs().maxConcurrentRuns()).isEqualTo(4);
        assertThat(options.runs().environment()).isEmpty();
        assertThat(options.runs().shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.runs().retention()).contains(Duration.ofDays(30));
        assertThat(options.suites().paths()).isEmpty();
        assertThat(options.runs().isolation()).isEqualTo(Isolation.NONE);
        assertThat(options.runs().forkJvmArgs()).isEmpty();
    }

    @Test
    void isolationAndForkJvmArgsComeFromFlagsAndVariables() {
        DaemonConfig flags = Cli.serveOptions(Map.of(), "--isolation", "fork", "--fork-jvm-args=-Xmx512m  -Da=b");
        DaemonConfig variables =
                Cli.serveOptions(Map.of("HANDOFF_ISOLATION", "FORK", "HANDOFF_FORK_JVM_ARGS", "-Xmx256m"));

        assertThat(flags.runs().isolation()).isEqualTo(Isolation.FORK);
        assertThat(flags.runs().forkJvmArgs()).containsExactly("-Xmx512m", "-Da=b");
        assertThat(variables.runs().isolation()).isEqualTo(Isolation.FORK);
        assertThat(variables.runs().forkJvmArgs()).containsExactly("-Xmx256m");
    }

    @Test
    void flagBeatsVariableBeatsConfigFileBeatsDefault() throws IOException {
        Path config = Files.writeString(temp.resolve("handoff.properties"), """
                port=3000
                host=10.0.0.1
                data-dir=/from-file
                shutdown-grace=1m
                """);
        Map<String, String> env = Map.of("HANDOFF_PORT", "2000", "HANDOFF_HOST", "10.0.0.2");

        DaemonConfig options = Cli.serveOptions(env, "--config", config.toString(), "--port", "1000");

        assertThat(options.server().port()).isEqualTo(1000);
        assertThat(options.server().host()).isEqualTo("10.0.0.2");
        assertThat(options.storage().dataDir()).isEqualTo(Path.of("/from-file"));
        assertThat(options.runs().shutdownGrace()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.runs().retention()).contains(Duration.ofDays(30));
    }

    @Test
    void configFileCanComeFromItsVariable() throws IOException {
        Path config = Files.writeString(temp.resolve("handoff.properties"), "max-concurrent-runs=9\n");

        DaemonConfig options = Cli.serveOptions(Map.of("HANDOFF_CONFIG", config.toString()));

        assertThat(options.runs().maxConcurrentRuns()).isEqualTo(9);
    }

    @Test
    void accessOptionsComeFromFlagsVariablesAndTheConfigFileToo() throws IOException {
        Path config = Files.writeString(
                temp.resolve("handoff.properties"), "api-tokens=/etc/handoff/tokens\npublic-read=true\n");
        Map<String, String> env = Map.of(
                "HANDOFF_TLS_CERT",
                "/tls/cert.pem",
                "HANDOFF_TLS_KEY",
                "/tls/key.pem",
                "HANDOFF_MAX_PENDING_RUNS",
                "7",
                "HANDOFF_ALLOWED_HOSTS",
                "handoff.example.com, ci.example.com");

        DaemonConfig options = Cli.serveOptions(
                env,
                "--config",
                config.toString(),
                "--tls-client-ca",
                "/tls/ca.pem",
                "--tls-client-roles",
                "/tls/roles");

        assertThat(options.access())
                .isEqualTo(new AccessConfig(
                        Optional.of(Path.of("/etc/handoff/tokens")), true, Optional.of(Path.of("/tls/roles"))));
        assertThat(options.server().tls())
                .contains(new TlsFiles(
                        Path.of("/tls/cert.pem"), Path.of("/tls/key.pem"), Optional.of(Path.of("/tls/ca.pem"))));
        assertThat(options.runs().maxPendingRuns()).isEqualTo(7);
        assertThat(options.server().allowedHosts()).containsExactly("handoff.example.com", "ci.example.com");
        assertThat(Cli.serveOptions(Map.of()).runs().maxPendingRuns())
                .isEqualTo(Settings.MAX_PENDING_RUNS.defaultValue())
                .isEqualTo(100);
        assertThat(Cli.serveOptions(Map.of()).access().apiTokens()).isEmpty();
        assertThat(Cli.serveOptions(Map.of()).server().allowedHosts()).isEmpty();
    }

    @Test
    void forkJvmArgsWithoutForkedRunsStopServeWithOneLine() {
        assertOneLineError(
                Cli.run(
                        "serve",
                        "--suites",
                        Path.of("target", "test-classes").toString(),
                        "--data-dir",
                        temp.resolve("data").toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--fork-jvm-args=-Xmx64m"),
                "JVM options for forked runs (--fork-jvm-args) need --isolation fork");
    }

    @Test
    void forkJvmArgsWithoutForkedRunsAreNamedInTheirDoorsWords() {
        assertOneLineError(
                Cli.run(Map.of("HANDOFF_FORK_JVM_ARGS", "-Xmx64m", "HANDOFF_ISOLATION", "none"), "serve"),
                "JVM options for forked runs (HANDOFF_FORK_JVM_ARGS) need HANDOFF_ISOLATION=fork");
        assertThat(Cli.serveOptions(
                                Map.of(),
                                "--fork-jvm-args",
                                "-Xmx64m",
                                "--fork-jvm-args",
                                "-Da=b",
                                "--isolation",
                                "fork")
                        .runs()
                        .forkJvmArgs())
                .containsExactly("-Xmx64m", "-Da=b");
    }

    @Test
    void suitesPathWithoutSuitesStopsServeWithOneLine() throws IOException {
        Path empty = Files.createDirectories(temp.resolve("empty"));

        assertOneLineError(
                Cli.run(
                        "serve",
                        "--suites",
                        empty.toString(),
                        "--data-dir",
                        temp.resolve("data").toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "0"),
                "no @HandoffSuite classes in " + empty
                        + ": give --suites the compiled suites (a test jar or test-classes) and their jars");
    }

    @Test
    void aHostThatIsNotThisMachinesStopsServeWithOneLineNamingHost() throws IOException {
        Path suites = Files.createDirectories(temp.resolve("suites"));

        // 203.0.113.1 is TEST-NET-3: never an address of this machine, and no name to look up.
        Cli.Result result = Cli.run(
                "serve",
                "--suites",
                suites.toString(),
                "--data-dir",
                temp.resolve("data").toString(),
                "--host",
                "203.0.113.1",
                "--port",
                "0");

        assertThat(result.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(result.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("cannot listen on 203.0.113.1:0: ")
                .endsWith("; give --host an address of this machine, such as 127.0.0.1 or 0.0.0.0");
    }

    @Test
    void aBadTokensFileStopsServeWithOneLineNamingItsLine() throws IOException {
        Path tokens =
                Files.writeString(temp.resolve("tokens"), "read 0123456789abcdef0123\nroot 0123456789abcdef0124\n");

        Cli.Result result = Cli.run(
                "serve",
                "--suites",
                temp.toString(),
                "--data-dir",
                temp.resolve("data").toString(),
                "--port",
                "0",
                "--api-tokens",
                tokens.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("line 2: role 'root' must be one of read, trigger, admin")
                .doesNotContain("0123456789abcdef0124");
    }

    @Test
    void suitesAreRepeatableAndAPathListInTheirVariable() {
        assertThat(Cli.serveOptions(Map.of(), "--suites", "a.jar", "--suites", "b")
                        .suites()
                        .paths())
                .containsExactly(Path.of("a.jar"), Path.of("b"));
        assertThat(Cli.serveOptions(Map.of("HANDOFF_SUITES", "a.jar" + java.io.File.pathSeparator + "dir"))
                        .suites()
                        .paths())
                .containsExactly(Path.of("a.jar"), Path.of("dir"));
    }

    @Test
    void allowedHostsAreRepeatableCommaSeparatedAndTheSameInTheLibrary() {
        assertThat(Cli.serveOptions(Map.of(), "--allowed-hosts", "a.example.com,b", "--allowed-hosts", "[::1], *")
                        .server()
                        .allowedHosts())
                .containsExactly("a.example.com", "b", "[::1]", "*");
        assertThat(Handoff.builder()
                        .allowedHosts("a.example.com", "b")
                        .allowedHosts("[::1]", "*")
                        .config()
                        .server()
                        .allowedHosts())
                .containsExactly("a.example.com", "b", "[::1]", "*");
        assertOneLineError(
                Cli.run("serve", "--allowed-hosts", "handoff.example.com:8080"),
                "--allowed-hosts 'handoff.example.com:8080' has 'handoff.example.com:8080': give the host without its"
                        + " port");
        assertOneLineError(
                Cli.run(Map.of("HANDOFF_ALLOWED_HOSTS", "a,http://b/"), "serve"),
                "HANDOFF_ALLOWED_HOSTS 'a,http://b/' has 'http://b/', which is not a host name, an address or *");
    }

    @Test
    void badFlagValueIsOneLineNamingTheOption() {
        assertOneLineError(Cli.run("serve", "--port", "abc"), "--port 'abc' is not a number from 0 to 65535");
        assertOneLineError(Cli.run("serve", "--port", "70000"), "--port '70000' is not a number from 0 to 65535");
        assertOneLineError(
                Cli.run("serve", "--max-concurrent-runs", "0"),
                "--max-concurrent-runs '0' is not a whole number of at least 1");
        assertOneLineError(
                Cli.run("serve", "--shutdown-grace", "soon"),
                "--shutdown-grace 'soon' is not a duration: use forms like 500ms, 30s, 5m, 1h30m, 2d or ISO-8601 PT2M");
        assertOneLineError(
                Cli.run("serve", "--retention", "-1d"),
                "--retention '-1d' is not a duration: use forms like 30d, 12h or ISO-8601 P30D, or 0 or forever to keep"
                        + " runs forever");
        assertOneLineError(
                Cli.run(Map.of("HANDOFF_RETENTION", "P-1D"), "serve"),
                "HANDOFF_RETENTION 'P-1D' is not a duration: use forms like 30d, 12h or ISO-8601 P30D, or 0 or forever"
                        + " to keep runs forever");
        assertOneLineError(
                Cli.run("serve", "--hook-timeout", "0s"), "--hook-timeout '0s' must be more than 0, such as 5s");
        assertOneLineError(
                Cli.run("serve", "--isolation", "process"), "--isolation 'process' is neither none nor fork");
        assertOneLineError(
                Cli.run(Map.of("HANDOFF_ISOLATION", "jvm"), "serve"),
                "HANDOFF_ISOLATION 'jvm' is neither none nor fork");
    }

    @Test
    void badVariableValueNamesTheVariable() {
        assertOneLineError(
                Cli.run(Map.of("HANDOFF_PORT", "abc"), "serve"), "HANDOFF_PORT 'abc' is not a number from 0 to 65535");
    }

    @Test
    void badConfigValueNamesTheKeyAndFile() throws IOException {
        Path config = Files.writeString(temp.resolve("handoff.properties"), "shutdown-grace=soon\n");

        assertOneLineError(
                Cli.run("serve", "--config", config.toString()),
                "shutdown-grace 'soon' in " + config
                        + " is not a duration: use forms like 500ms, 30s, 5m, 1h30m, 2d or ISO-8601 PT2M");
    }

    @Test
    void unknownConfigKeyIsNamed() throws IOException {
        Path config = Files.writeString(temp.resolve("handoff.properties"), "prot=8080\n");

        assertOneLineError(
                Cli.run("serve", "--config", config.toString()),
                "config file '" + config + "' has an unknown key 'prot':"
                        + " known keys are allowed-hosts, api-tokens, async-hook-timeout, auto-quarantine, broken-after, data-dir, db-password,"
                        + " db-password-file, db-url, db-user, environment, flaky-percent, flip-percent, fork-jvm-args, fork-work-dir, github-api-url,"
                        + " github-repository, github-token, hook-setting, hook-timeout, host, instance-name, isolation,"
                        + " logs-url, maven-repo, max-concurrent-runs, max-pending-runs, otlp-endpoint, pagerduty-routing-key, pagerduty-url,"
                        + " port, public-read, public-url, retention, shutdown-grace, slack-webhook-url, stability-min-runs, stability-window, suites,"
                        + " tls-cert, tls-client-ca, tls-client-roles, tls-key, trace-url, webhook-url");
    }

    @Test
    void missingConfigFileIsNamed() {
        Path config = temp.resolve("nope.properties");

        assertOneLineError(
                Cli.run("serve", "--config", config.toString()), "config file '" + config + "' does not exist");
    }

    @Test
    void unknownOptionIsOneLine() {
        assertOneLineError(Cli.run("serve", "--prot=1"), "Unknown option: '--prot=1' (see 'handoff serve --help')");
    }

    @Test
    void serveWithoutSuitesSaysHowToGiveThem() {
        assertOneLineError(
                Cli.run("serve", "--data-dir", temp.toString()),
                "no suites to serve: give --suites with a jar or folder of compiled suites (or set HANDOFF_SUITES)");
    }

    @Test
    void noCommandIsOneLine() {
        assertOneLineError(
                Cli.run(), "give a command: serve, suites, schedules, run, gate, exec or demo (see 'handoff --help')");
    }

    @Test
    void versionIsPrinted() {
        Cli.Result version = Cli.run("--version");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("handoff ");
    }

    @Test
    void serveVersionIsPrintedAsTheCommandsIs() {
        Cli.Result version = Cli.run("serve", "--version");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out())
                .startsWith("handoff ")
                .isEqualTo(Cli.run("--version").out());
    }

    static void assertOneLineError(Cli.Result result, String line) {
        assertThat(result.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(result.err().lines().toList()).isEqualTo(List.of(line));
    }
}
