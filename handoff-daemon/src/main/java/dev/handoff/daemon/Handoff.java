package dev.handoff.daemon;

import dev.handoff.api.Hook;
import dev.handoff.daemon.access.Access;
import dev.handoff.daemon.assembly.Daemon;
import dev.handoff.daemon.config.DaemonConfig;
import dev.handoff.daemon.config.Isolation;
import dev.handoff.daemon.config.Setting;
import dev.handoff.daemon.config.Settings;
import dev.handoff.daemon.config.SuiteSources;
import dev.handoff.daemon.config.Values;
import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.schedule.ScheduleService;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.daemon.trigger.RunService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A Handoff daemon in your own process: the library mode, for teams that build their own daemon
 * image from their test project (the Go project's {@code handoff.New(...)}, {@code Run}, {@code
 * ServerPort}, {@code WaitForStartup}, {@code Shutdown}).
 *
 * <pre>{@code
 * try (Handoff handoff = Handoff.builder().suites(CheckoutSuite.class).port(0).build().start()) {
 *     handoff.awaitReady(Duration.ofSeconds(10));
 *     System.out.println(handoff.url());
 * }
 * }</pre>
 *
 * <p>The builder's settings are those of {@code handoff serve} ({@link Settings} declares each
 * once, with its default and check); the daemon itself is put together in {@link Daemon}.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class Handoff implements AutoCloseable {

    private final Daemon daemon;
    private final Lifecycle lifecycle;

    private Handoff(Daemon daemon) {
        this.daemon = daemon;
        this.lifecycle = new Lifecycle(daemon);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A daemon of settings resolved elsewhere, such as by {@code handoff serve} from its flags,
     * variables and config file: opens the database and discovers the suites, as {@link
     * Builder#build()} does.
     */
    public static Handoff of(DaemonConfig config) {
        return new Handoff(Daemon.build(config));
    }

    /**
     * Collects settings; {@link #build()} opens the database and discovers the suites. Each method
     * checks its value at once and names itself when the value does not fit ({@code port(70000) is
     * not a number from 0 to 65535}).
     */
    @API(status = API.Status.EXPERIMENTAL)
    public static final class Builder {

        private final Values values = new Values();

        private Builder() {}

        private <T> Builder set(Setting<T> setting, T value) {
            values.set(setting, value);
            return this;
        }

        private <T> Builder setText(Setting<T> setting, String text) {
            values.setText(setting, text);
            return this;
        }

        /** Suite classes on this process's classpath. */
        public Builder suites(Class<?>... classes) {
            return set(Settings.SUITE_CLASSES, List.of(classes));
        }

        /** A jar or folder of compiled suites (and their dependencies); repeatable. */
        public Builder suitesPath(Path path) {
            return set(Settings.SUITES, SuiteSources.of(path));
        }

        /**
         * Suites as Maven coordinates, {@code group:artifact:version[:classifier]}: resolved with
         * their runtime dependencies when the daemon is built, from {@link #mavenRepository}s (else
         * Maven Central), after the local repository; downloads are kept in the data dir.
         */
        public Builder suitesArtifact(String coordinates) {
            return set(Settings.SUITES_ARTIFACTS, List.of(coordinates));
        }

        /** A repository that {@link #suitesArtifact} coordinates are resolved from; repeatable. */
        public Builder mavenRepository(String url) {
            return set(Settings.MAVEN_REPO, List.of(url));
        }

        /** Also every suite in the folders of this process's classpath (as {@code mvn exec} sees a project). */
        public Builder classpathDirectories() {
            return set(Settings.CLASSPATH_DIRECTORIES, true);
        }

        /** The address to listen on. Default {@code 0.0.0.0}. */
        public Builder host(String host) {
            return set(Settings.HOST, host);
        }

        /** 0 picks a free port; {@link Handoff#port()} tells which. Default 1337. */
        public Builder port(int port) {
            return set(Settings.PORT, port);
        }

        /** Where the H2 database lives. Default {@code ./handoff-data}. */
        public Builder dataDir(Path dataDir) {
            return set(Settings.DATA_DIR, dataDir);
        }

        /**
         * Stores everything in the database at this JDBC URL ({@code jdbc:postgresql://...} for
         * several replicas) instead of the H2 file in the data dir.
         */
        public Builder database(String jdbcUrl, String user, String password) {
            return set(Settings.DB_URL, jdbcUrl).set(Settings.DB_USER, user).set(Settings.DB_PASSWORD, password);
        }

        /** Stored with each run, such as the cluster's name. */
        public Builder environment(String environment) {
            return set(Settings.ENVIRONMENT, environment);
        }

        /** This daemon's name: the {@code instance} label of the run metrics; by default the host name. */
        public Builder instanceName(String name) {
            return set(Settings.INSTANCE_NAME, name);
        }

        /** How many runs execute at once. Default 4. */
        public Builder maxConcurrentRuns(int runs) {
            return set(Settings.MAX_CONCURRENT_RUNS, runs);
        }

        /** How long running tests may take to finish on {@link #close()}. Default 30 s. */
        public Builder shutdownGrace(Duration grace) {
            return set(Settings.SHUTDOWN_GRACE, grace);
        }

        /** How long finished runs are kept; {@link Duration#ZERO} keeps them forever. Default 30 days. */
        public Builder retention(Duration retention) {
            return set(Settings.RETENTION, Optional.of(retention));
        }

        /** How many of a suite's newest finished runs judge its tests' stability. Default 50. */
        public Builder stabilityWindow(int runs) {
            return set(Settings.STABILITY_WINDOW, runs);
        }

        /** Tests run fewer times than this in the window are {@code new}. Default 5. */
        public Builder stabilityMinRuns(int runs) {
            return set(Settings.STABILITY_MIN_RUNS, runs);
        }

        /** A test that failed in this many newest runs is {@code broken}. Default 3. */
        public Builder brokenAfter(int runs) {
            return set(Settings.BROKEN_AFTER, runs);
        }

        /** A test that passed only after retries in this share (per cent) of its runs is {@code flaky}. Default 10. */
        public Builder flakyPercent(int percent) {
            return set(Settings.FLAKY_PERCENT, percent);
        }

        /** A test whose result changed between this share (per cent) of consecutive runs is {@code flaky}. Default 20. */
        public Builder flipPercent(int percent) {
            return set(Settings.FLIP_PERCENT, percent);
        }

        /** Quarantines tests judged flaky for this long, by themselves. Default: never. */
        public Builder autoQuarantine(Duration expiry) {
            return set(Settings.AUTO_QUARANTINE, Optional.of(expiry));
        }

        /** Where people reach the daemon (behind a proxy, say): links in hooks' messages start with it. Default: {@link Handoff#url()}. */
        public Builder publicUrl(URI url) {
            return set(Settings.PUBLIC_URL, url);
        }

        /** Exports spans of runs and attempts to this OTLP/HTTP endpoint (such as {@code http://collector:4318}). */
        public Builder otlpEndpoint(URI url) {
            return set(Settings.OTLP_ENDPOINT, url);
        }

        /** Links each attempt to its trace: a URL with {@code {traceId}} (and {@code {start}}, {@code {end}}, {@code {suite}}, {@code {test}}). */
        public Builder traceUrl(String template) {
            return setText(Settings.TRACE_URL, template);
        }

        /** Links each attempt to the logs of its trace, with the placeholders of {@link #traceUrl(String)}. */
        public Builder logsUrl(String template) {
            return setText(Settings.LOGS_URL, template);
        }

        /** Posts to this Slack incoming webhook when a run fails and when a suite recovers. */
        public Builder slack(String webhookUrl) {
            return setText(Settings.SLACK_WEBHOOK_URL, webhookUrl);
        }

        /** Triggers a PagerDuty alert (Events API v2) when a run fails; the suite's next pass resolves it. */
        public Builder pagerDuty(String routingKey) {
            return set(Settings.PAGERDUTY_ROUTING_KEY, routingKey);
        }

        /** Where PagerDuty events go. Default {@code https://events.pagerduty.com/v2/enqueue}. */
        public Builder pagerDutyUrl(URI url) {
            return set(Settings.PAGERDUTY_URL, url);
        }

        /** Sets GitHub commit statuses of {@code OWNER/REPO} for runs whose ref is a commit SHA. */
        public Builder gitHubStatus(String repository, String token) {
            return set(Settings.GITHUB_REPOSITORY, repository).set(Settings.GITHUB_TOKEN, token);
        }

        /** GitHub's REST API. Default {@code https://api.github.com}. */
        public Builder gitHubApiUrl(URI url) {
            return set(Settings.GITHUB_API_URL, url);
        }

        /** Sends every finished run to this URL as a CloudEvent. */
        public Builder webhook(String url) {
            return setText(Settings.WEBHOOK_URL, url);
        }

        /** A hook object, beside those {@code ServiceLoader} finds. */
        public Builder hook(Hook hook) {
            return set(Settings.HOOKS, List.of(java.util.Objects.requireNonNull(hook, "hook")));
        }

        /** A setting the hook named {@code hook} gets in its {@code init}. */
        public Builder hookSetting(String hook, String key, String value) {
            return set(Settings.HOOK_SETTING, Map.of(hook, Map.of(key, value)));
        }

        /** Whether hooks listed in {@code META-INF/services/dev.handoff.api.Hook} are used too. Default true. */
        public Builder serviceLoaderHooks(boolean enabled) {
            return set(Settings.SERVICE_LOADER_HOOKS, enabled);
        }

        /** How long a hook called on the run's thread may take per call. Default 5 s. */
        public Builder hookTimeout(Duration timeout) {
            return set(Settings.HOOK_TIMEOUT, timeout);
        }

        /** How long an async hook may take per call, retries included. Default 30 s. */
        public Builder asyncHookTimeout(Duration timeout) {
            return set(Settings.ASYNC_HOOK_TIMEOUT, timeout);
        }

        /**
         * Requires API tokens, read from this file of lines {@code ROLE TOKEN [NAME]} (roles {@code
         * read}, {@code trigger}, {@code admin}); without it anyone may do anything.
         */
        public Builder apiTokens(Path file) {
            return set(Settings.API_TOKENS, file);
        }

        /** Reads (pages, runs, schedules) need no token even when tokens are required. */
        public Builder publicRead(boolean publicRead) {
            return set(Settings.PUBLIC_READ, publicRead);
        }

        /** Serves HTTPS with this PEM certificate chain and PEM (PKCS#8) private key. */
        public Builder tls(Path certificate, Path key) {
            return set(Settings.TLS_CERT, certificate).set(Settings.TLS_KEY, key);
        }

        /**
         * Accepts client certificates signed by the CAs in this PEM file; {@code roles} maps their
         * subjects to roles in lines {@code ROLE SUBJECT} (such as {@code trigger CN=ci-bot,O=Acme}).
         */
        public Builder tlsClientCertificates(Path clientCa, Path roles) {
            return set(Settings.TLS_CLIENT_CA, clientCa).set(Settings.TLS_CLIENT_ROLES, roles);
        }

        /** How many runs of one suite may wait to start; a trigger beyond is refused (429). Default 100. */
        public Builder maxPendingRuns(int runs) {
            return set(Settings.MAX_PENDING_RUNS, runs);
        }

        /**
         * Host names (or addresses) this daemon is reached as, besides its own: a request whose
         * {@code Host} is none of them gets 421 (DNS rebinding). {@code *} accepts any; repeatable.
         */
        public Builder allowedHosts(String... hosts) {
            return set(Settings.ALLOWED_HOSTS, List.of(hosts));
        }

        /**
         * Where runs execute: {@link Isolation#NONE} in this JVM, {@link Isolation#FORK} in a JVM of
         * their own each, as Surefire forks. Default {@link Isolation#NONE}.
         */
        public Builder isolation(Isolation isolation) {
            return set(Settings.ISOLATION, isolation);
        }

        /**
         * Options of each forked run's JVM, such as {@code -Xmx512m} or {@code -Dkey=value}, added to
         * those given before; needs {@link Isolation#FORK}.
         */
        public Builder forkJvmArgs(List<String> args) {
            return set(Settings.FORK_JVM_ARGS, args);
        }

        /**
         * The working directory of each forked run's JVM, where tests' relative paths start (a
         * module's folder, as Surefire runs its tests from it); needs {@link Isolation#FORK}.
         * Default: this JVM's working directory.
         */
        public Builder forkWorkDir(Path dir) {
            return set(Settings.FORK_WORK_DIR, dir);
        }

        /**
         * The settings checked together, as the daemon would run with them.
         *
         * @throws dev.handoff.daemon.config.ConfigException when settings do not fit together
         */
        public DaemonConfig config() {
            return DaemonConfig.of(values);
        }

        /**
         * Checks the settings, opens and migrates the database and discovers the suites; nothing
         * listens yet.
         *
         * @throws IllegalArgumentException with a one-line message naming the problem: a suites
         *     path that does not exist, two suites with one name, a bad setting
         */
        public Handoff build() {
            return of(config());
        }
    }

    /**
     * Starts serving and running; returns this.
     *
     * @throws IllegalStateException when it cannot listen on its host and port
     */
    public synchronized Handoff start() {
        lifecycle.start();
        return this;
    }

    /** The port it listens on (the chosen one after {@code port(0)}). */
    public int port() {
        return daemon.port();
    }

    /** {@code http://HOST:PORT/} ({@code https} with TLS), with 127.0.0.1 for a daemon listening on every address. */
    public URI url() {
        return daemon.url();
    }

    /** Waits until it serves and is ready (suites discovered, database migrated). @return whether it got ready in time */
    public boolean awaitReady(Duration timeout) {
        return lifecycle.awaitReady(timeout);
    }

    /** What it runs with: every setting, checked; its {@code toString} shows no secret. */
    public DaemonConfig config() {
        return daemon.config();
    }

    /** Who may do what: the tokens and certificate roles it was given (as hashes), or open access. */
    public Access access() {
        return daemon.access();
    }

    public SuiteCatalog catalog() {
        return daemon.catalog();
    }

    public RunStore store() {
        return daemon.store();
    }

    public RunService runs() {
        return daemon.runs();
    }

    public ScheduleService schedules() {
        return daemon.schedules();
    }

    /** Tests' stability and quarantines (what {@code /suites/{suite}/tests} reads). */
    public dev.handoff.daemon.stability.StabilityService stability() {
        return daemon.stability();
    }

    /** This daemon's id among the replicas of a cluster (its Quartz instance id), stored with the runs it executes. */
    public String instanceId() {
        return daemon.cluster().instanceId();
    }

    /** The run as JUnit XML; empty when there is no such run. */
    public Optional<String> junitXml(RunId id) {
        return daemon.junitXml(id);
    }

    /**
     * Stops gracefully: new triggers get 503, running tests get up to the shutdown grace to finish,
     * runs still unfinished stay in the database and resume at the next start.
     */
    @Override
    public synchronized void close() {
        lifecycle.close();
    }

    /** The daemon's metrics in the Prometheus text format, as {@code GET /metrics} serves them. */
    public String metrics() {
        return daemon.metrics().scrape();
    }

    /** Where its runs execute, for the startup line: in this JVM, or each in a JVM of its own and on which JUnit. */
    public String isolation() {
        return daemon.isolation();
    }

    /** The names of the hooks it calls, built-in ones included. */
    public List<String> hooks() {
        return daemon.hooks().names();
    }

    /** Where people reach it: the configured public URL, else {@link #url()}; ends with {@code /}. */
    public URI publicUrl() {
        return daemon.publicUrl();
    }
}
