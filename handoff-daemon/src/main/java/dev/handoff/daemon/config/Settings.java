package dev.handoff.daemon.config;

import dev.handoff.api.Hook;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Every setting of a daemon, each declared once with its key, default, help and check. The usage
 * help of {@code handoff serve}, its config file, its {@code HANDOFF_*} variables and the library
 * builder are all derived from this list; {@link DaemonConfig#of} turns the values into the record
 * tree the daemon is built from.
 *
 * <p>Adding a setting: declare it here (in the order the usage help should list it, and add it to
 * {@link #ALL}), read it in the record of {@link DaemonConfig} where it belongs, and, for the
 * library, add a builder method that calls {@code set(Settings.NEW, value)}.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class Settings {

    private Settings() {}

    public static final Setting<Integer> PORT = Setting.of(
                    "port", "PORT", Kind.PORT, 1337, "1337", "Port to listen on; 0 picks a free one, printed at start.")
            .formerly("HANDOFF_SERVER_PORT");

    public static final Setting<String> HOST =
            Setting.of("host", "ADDRESS", Kind.TEXT, "0.0.0.0", "0.0.0.0", "Address to listen on.");

    public static final Setting<Path> DATA_DIR = Setting.of(
                    "data-dir",
                    "DIR",
                    Kind.PATH,
                    Path.of("handoff-data"),
                    "./handoff-data",
                    "Folder of the H2 database.")
            .formerly("HANDOFF_DATABASE");

    public static final Setting<SuiteSources> SUITES = Setting.of(
                    "suites",
                    "PATH",
                    Kind.SUITES,
                    SuiteSources.NONE,
                    "none",
                    "A bundle (handoff:bundle), a jar or folder of compiled suites and their dependencies, or Maven"
                            + " coordinates group:artifact:version[:classifier]; repeatable, or several paths separated"
                            + " by ':' (';' on Windows).")
            .repeatable(SuiteSources::merge)
            .calledInLibrary("suitesPath");

    public static final Setting<List<String>> MAVEN_REPO = Setting.of(
                    "maven-repo",
                    "URL",
                    Kind.REPOSITORY_URLS,
                    List.<String>of(),
                    "Maven Central",
                    "A Maven repository that --suites coordinates are resolved from, after the local repository;"
                            + " repeatable. Credentials: HANDOFF_MAVEN_USER, HANDOFF_MAVEN_PASSWORD.")
            .repeatable(Kind::concat)
            .calledInLibrary("mavenRepository");

    public static final Setting<Integer> MAX_CONCURRENT_RUNS = Setting.of(
            "max-concurrent-runs", "N", Kind.COUNT, 4, "4", "How many runs execute at once; more wait, pending.");

    public static final Setting<String> ENVIRONMENT = Setting.of(
            "environment",
            "NAME",
            Kind.checkedText(DaemonConfig.MAX_ENVIRONMENT),
            "",
            "empty",
            "Stored with each run, such as the cluster's name.");

    public static final Setting<String> INSTANCE_NAME = Setting.of(
            "instance-name",
            "NAME",
            Kind.checkedText(DaemonConfig.MAX_INSTANCE_NAME),
            "",
            "the host name",
            "This daemon's name: the instance label of the run metrics and the start of its replica id.");

    public static final Setting<Duration> SHUTDOWN_GRACE = Setting.of(
            "shutdown-grace",
            "DURATION",
            Kind.DURATION,
            Duration.ofSeconds(30),
            "30s",
            "How long running tests may take to finish when stopping.");

    public static final Setting<Optional<Duration>> RETENTION = Setting.of(
                    "retention",
                    "DURATION",
                    Kind.RETENTION,
                    Optional.of(Duration.ofDays(30)),
                    "30d",
                    "How long finished runs are kept; 0 or forever keeps them forever.")
            .formerly("HANDOFF_RUN_TTL");

    public static final Setting<Integer> STABILITY_WINDOW = Setting.of(
            "stability-window",
            "RUNS",
            Kind.COUNT,
            50,
            "50",
            "How many of a suite's newest finished runs judge its tests' stability.");

    public static final Setting<Integer> STABILITY_MIN_RUNS =
            Setting.of("stability-min-runs", "RUNS", Kind.COUNT, 5, "5", "Tests run fewer times than this are new.");

    public static final Setting<Integer> BROKEN_AFTER = Setting.of(
            "broken-after", "RUNS", Kind.COUNT, 3, "3", "A test that failed in this many newest runs is broken.");

    public static final Setting<Integer> FLAKY_PERCENT = Setting.of(
            "flaky-percent",
            "PERCENT",
            Kind.PERCENT,
            10,
            "10",
            "A test that passed only after retries in this share of its runs is flaky.");

    public static final Setting<Integer> FLIP_PERCENT = Setting.of(
            "flip-percent",
            "PERCENT",
            Kind.PERCENT,
            20,
            "20",
            "A test whose result changed between this share of consecutive runs is flaky.");

    public static final Setting<Optional<Duration>> AUTO_QUARANTINE = Setting.of(
            "auto-quarantine",
            "DURATION",
            Kind.OPTIONAL_DURATION,
            Optional.empty(),
            "off",
            "Quarantine tests judged flaky for this long, by themselves.");

    public static final Setting<String> DB_URL = Setting.of(
                    "db-url",
                    "JDBC_URL",
                    Kind.JDBC_URL,
                    null,
                    "none (H2 in --data-dir)",
                    "Keep everything in this database instead of the H2 file in --data-dir: jdbc:postgresql://HOST/DB"
                            + " runs several replicas on one database.")
            .calledInLibrary("database");

    public static final Setting<String> DB_USER = Setting.of(
                    "db-user", "NAME", Kind.TEXT, null, "none (the URL's)", "User of --db-url.")
            .calledInLibrary("database");

    public static final Setting<String> DB_PASSWORD = Setting.of(
                    "db-password",
                    "PASSWORD",
                    Kind.PASSWORD,
                    null,
                    "none",
                    "Password of --db-url; rather HANDOFF_DB_PASSWORD or --db-password-file, which process listings"
                            + " do not show.")
            .calledInLibrary("database");

    public static final Setting<Path> DB_PASSWORD_FILE = Setting.of(
            "db-password-file",
            "FILE",
            Kind.PATH,
            null,
            "none",
            "File holding the password of --db-url (a mounted secret); a final line break is ignored.");

    public static final Setting<Integer> MAX_PENDING_RUNS = Setting.of(
            "max-pending-runs",
            "N",
            Kind.COUNT,
            100,
            "100",
            "How many runs of one suite may wait to start; more triggers get 429.");

    public static final Setting<Path> API_TOKENS = Setting.of(
            "api-tokens",
            "FILE",
            Kind.PATH,
            null,
            "none, anyone may trigger runs",
            "Requires API tokens, from lines 'ROLE TOKEN [NAME]' (roles read, trigger, admin).");

    public static final Setting<Boolean> PUBLIC_READ = Setting.of(
            "public-read",
            "",
            Kind.SWITCH,
            false,
            "false",
            "With --api-tokens: reads (pages, runs, schedules, /metrics) need no token.");

    public static final Setting<List<String>> ALLOWED_HOSTS = Setting.of(
                    "allowed-hosts",
                    "HOST[,HOST...]",
                    Kind.HOST_NAMES,
                    List.<String>of(),
                    "none",
                    "Names this daemon is reached as besides localhost, this machine's names and addresses, the"
                            + " --public-url host and its Kubernetes Service; other Host headers get 421. '*' allows"
                            + " any; repeatable.")
            .repeatable(Kind::concat);

    public static final Setting<Path> TLS_CERT = Setting.of(
                    "tls-cert",
                    "FILE",
                    Kind.PATH,
                    null,
                    "none, HTTP",
                    "Serves HTTPS with this PEM certificate chain (needs --tls-key).")
            .calledInLibrary("tls");

    public static final Setting<Path> TLS_KEY = Setting.of(
                    "tls-key",
                    "FILE",
                    Kind.PATH,
                    null,
                    "none",
                    "The PEM private key (PKCS#8, unencrypted) of --tls-cert.")
            .calledInLibrary("tls");

    public static final Setting<Path> TLS_CLIENT_CA = Setting.of(
                    "tls-client-ca",
                    "FILE",
                    Kind.PATH,
                    null,
                    "none",
                    "Accepts client certificates signed by these PEM CA certificates (needs --tls-client-roles).")
            .calledInLibrary("tlsClientCertificates");

    public static final Setting<Path> TLS_CLIENT_ROLES = Setting.of(
                    "tls-client-roles",
                    "FILE",
                    Kind.PATH,
                    null,
                    "none",
                    "Roles of client certificates, from lines 'ROLE SUBJECT' such as 'trigger CN=ci-bot,O=Acme'.")
            .calledInLibrary("tlsClientCertificates");

    public static final Setting<Isolation> ISOLATION = Setting.of(
            "isolation",
            "none|fork",
            Kind.ISOLATION,
            Isolation.NONE,
            "none",
            "Where each run executes: none = in the daemon's JVM, fork = in a JVM of its own (as Surefire"
                    + " forks), so runs do not share system properties, locale or statics.");

    public static final Setting<List<String>> FORK_JVM_ARGS = Setting.of(
                    "fork-jvm-args",
                    "OPTIONS",
                    Kind.JVM_ARGS,
                    List.<String>of(),
                    "none",
                    "With --isolation fork: options of each run's JVM, separated by spaces, such as"
                            + " '-Xmx512m -Dshop.url=http://shop'; repeatable.")
            .repeatable(Kind::append);

    public static final Setting<Path> FORK_WORK_DIR = Setting.of(
            "fork-work-dir",
            "DIR",
            Kind.PATH,
            null,
            "the daemon's own",
            "With --isolation fork: the working directory of each run's JVM, where tests' relative paths"
                    + " start, such as the module folder Surefire runs them from (src/test/resources/...).");

    public static final Setting<URI> PUBLIC_URL = Setting.of(
            "public-url",
            "URL",
            Kind.PUBLIC_URL,
            null,
            "the address it listens on",
            "Where people reach this daemon; links in hook messages start with it.");

    public static final Setting<URI> OTLP_ENDPOINT = Setting.of(
            "otlp-endpoint",
            "URL",
            Kind.HTTP_URL,
            null,
            "off",
            "Where spans of runs and attempts are exported, OTLP over HTTP (such as http://collector:4318);"
                    + " the standard OTEL_* variables are read too.");

    public static final Setting<String> TRACE_URL = Setting.of(
            "trace-url",
            "TEMPLATE",
            Kind.LINK_TEMPLATE,
            null,
            "none",
            "Link from an attempt to its trace, such as 'https://grafana.example/explore?...{traceId}...';"
                    + " placeholders {traceId}, {start}, {end}, {suite}, {test}.");

    public static final Setting<String> LOGS_URL = Setting.of(
            "logs-url",
            "TEMPLATE",
            Kind.LINK_TEMPLATE,
            null,
            "none",
            "Link from an attempt to the logs of its trace, with the placeholders of --trace-url.");

    public static final Setting<URI> SLACK_WEBHOOK_URL = Setting.of(
                    "slack-webhook-url",
                    "URL",
                    Kind.HTTP_URL,
                    null,
                    "off",
                    "Slack incoming webhook: a message when a run fails and when a suite recovers.")
            .calledInLibrary("slack");

    public static final Setting<String> PAGERDUTY_ROUTING_KEY = Setting.of(
                    "pagerduty-routing-key",
                    "KEY",
                    Kind.SECRET,
                    null,
                    "off",
                    "PagerDuty Events API v2 routing key: a failed run triggers an alert, the next pass resolves it.")
            .calledInLibrary("pagerDuty");

    public static final Setting<URI> PAGERDUTY_URL = Setting.of(
                    "pagerduty-url",
                    "URL",
                    Kind.HTTP_URL,
                    URI.create("https://events.pagerduty.com/v2/enqueue"),
                    "https://events.pagerduty.com/v2/enqueue",
                    "Where PagerDuty events go.")
            .calledInLibrary("pagerDutyUrl");

    public static final Setting<String> GITHUB_REPOSITORY = Setting.of(
                    "github-repository",
                    "OWNER/REPO",
                    Kind.REPOSITORY,
                    null,
                    "off",
                    "Sets commit statuses of this repository for runs whose ref is a commit SHA (needs --github-token).")
            .calledInLibrary("gitHubStatus");

    public static final Setting<String> GITHUB_TOKEN = Setting.of(
                    "github-token",
                    "TOKEN",
                    Kind.SECRET,
                    null,
                    "none",
                    "A token that may write the repository's commit statuses.")
            .calledInLibrary("gitHubStatus");

    public static final Setting<URI> GITHUB_API_URL = Setting.of(
                    "github-api-url",
                    "URL",
                    Kind.HTTP_URL,
                    URI.create("https://api.github.com"),
                    "https://api.github.com",
                    "GitHub's REST API (GitHub Enterprise has its own).")
            .calledInLibrary("gitHubApiUrl");

    public static final Setting<URI> WEBHOOK_URL = Setting.of(
                    "webhook-url",
                    "URL",
                    Kind.HTTP_URL,
                    null,
                    "off",
                    "Every finished run goes to this URL as a CloudEvent (JSON).")
            .calledInLibrary("webhook");

    public static final Setting<Map<String, Map<String, String>>> HOOK_SETTING = Setting.of(
                    "hook-setting",
                    "HOOK.KEY=VALUE",
                    Kind.HOOK_SETTINGS,
                    Map.<String, Map<String, String>>of(),
                    "none",
                    "A setting for a hook found on the classpath or suites path; repeatable (one in the variable).")
            .repeatable(Kind::merge);

    public static final Setting<Duration> HOOK_TIMEOUT = Setting.of(
            "hook-timeout",
            "DURATION",
            Kind.POSITIVE_DURATION,
            Duration.ofSeconds(5),
            "5s",
            "How long a hook called on the run's thread may take per call.");

    public static final Setting<Duration> ASYNC_HOOK_TIMEOUT = Setting.of(
            "async-hook-timeout",
            "DURATION",
            Kind.POSITIVE_DURATION,
            Duration.ofSeconds(30),
            "30s",
            "How long an async hook (Slack, PagerDuty, GitHub, webhook) may take per call, retries included.");

    /** Suite classes on the library's own classpath. */
    public static final Setting<List<Class<?>>> SUITE_CLASSES =
            Setting.libraryOnly("suites", List.<Class<?>>of(), Kind::concat);

    /** Suites as Maven coordinates given in library mode ({@code --suites} takes them as well). */
    public static final Setting<List<String>> SUITES_ARTIFACTS = new Setting<>(
            "",
            "",
            "",
            List.<String>of(),
            "",
            Kind.ARTIFACTS,
            "suitesArtifact",
            java.util.Optional.of(Kind::concat),
            List.of());

    /** Also the suites in the folders of the process's classpath (as {@code mvn exec} sees a project). */
    public static final Setting<Boolean> CLASSPATH_DIRECTORIES =
            Setting.libraryOnly("classpathDirectories", false, (first, second) -> second);

    /** Hook objects given in library mode, beside those {@code ServiceLoader} finds. */
    public static final Setting<List<Hook>> HOOKS = Setting.libraryOnly("hook", List.<Hook>of(), Kind::concat);

    /** Whether hooks listed in {@code META-INF/services/dev.handoff.api.Hook} are used too. */
    public static final Setting<Boolean> SERVICE_LOADER_HOOKS =
            Setting.libraryOnly("serviceLoaderHooks", true, (first, second) -> second);

    /** Every setting, in the order the usage help lists them. */
    public static final List<Setting<?>> ALL = List.of(
            PORT,
            HOST,
            DATA_DIR,
            SUITES,
            MAVEN_REPO,
            MAX_CONCURRENT_RUNS,
            ENVIRONMENT,
            INSTANCE_NAME,
            SHUTDOWN_GRACE,
            RETENTION,
            STABILITY_WINDOW,
            STABILITY_MIN_RUNS,
            BROKEN_AFTER,
            FLAKY_PERCENT,
            FLIP_PERCENT,
            AUTO_QUARANTINE,
            DB_URL,
            DB_USER,
            DB_PASSWORD,
            DB_PASSWORD_FILE,
            MAX_PENDING_RUNS,
            API_TOKENS,
            PUBLIC_READ,
            ALLOWED_HOSTS,
            TLS_CERT,
            TLS_KEY,
            TLS_CLIENT_CA,
            TLS_CLIENT_ROLES,
            ISOLATION,
            FORK_JVM_ARGS,
            FORK_WORK_DIR,
            PUBLIC_URL,
            OTLP_ENDPOINT,
            TRACE_URL,
            LOGS_URL,
            SLACK_WEBHOOK_URL,
            PAGERDUTY_ROUTING_KEY,
            PAGERDUTY_URL,
            GITHUB_REPOSITORY,
            GITHUB_TOKEN,
            GITHUB_API_URL,
            WEBHOOK_URL,
            HOOK_SETTING,
            HOOK_TIMEOUT,
            ASYNC_HOOK_TIMEOUT,
            SUITE_CLASSES,
            SUITES_ARTIFACTS,
            CLASSPATH_DIRECTORIES,
            HOOKS,
            SERVICE_LOADER_HOOKS);

    /** The settings the command line, the environment and the config file can give. */
    public static List<Setting<?>> textual() {
        return ALL.stream().filter(Setting::textual).toList();
    }
}
