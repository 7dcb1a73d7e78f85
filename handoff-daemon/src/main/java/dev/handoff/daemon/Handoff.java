package dev.handoff.daemon;

import dev.handoff.api.Hook;
import dev.handoff.daemon.access.Access;
import dev.handoff.daemon.access.TlsFiles;
import dev.handoff.daemon.hook.HookSettings;
import dev.handoff.daemon.hook.Hooks;
import dev.handoff.daemon.hook.RunNotifier;
import dev.handoff.daemon.metrics.DaemonMetrics;
import dev.handoff.daemon.report.JunitXmlReport;
import dev.handoff.daemon.run.Attempt;
import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.runner.ForkedRuns;
import dev.handoff.daemon.runner.Isolation;
import dev.handoff.daemon.runner.LiveSuites;
import dev.handoff.daemon.runner.RunService;
import dev.handoff.daemon.runner.SuiteCatalog;
import dev.handoff.daemon.schedule.ScheduleService;
import dev.handoff.daemon.store.Database;
import dev.handoff.daemon.store.JdbcRunStore;
import dev.handoff.daemon.store.ReplicaRegistry;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.daemon.web.DaemonServer;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
 */
public final class Handoff implements AutoCloseable {

    private final Settings settings;
    private final String instanceId;
    private final Clock clock;
    private final Database database;
    private final RunStore store;
    private final SuiteCatalog catalog;
    private final RunService runs;
    private final Retention retention;
    private final ScheduleService schedules;
    private final DaemonMetrics metrics;
    private final Hooks hooks;
    private final Access access;
    private final Readiness readiness;
    private final Optional<ForkedRuns> forked;
    private final CountDownLatch started = new CountDownLatch(1);
    private WebServer server;
    private boolean closed;

    private Handoff(Settings settings, Clock clock, OpenedParts parts) {
        this.settings = settings;
        this.access = parts.access();
        this.clock = clock;
        this.database = parts.database();
        this.instanceId = InstanceIds.next();
        this.store = new JdbcRunStore(database.dataSource(), instanceId);
        this.catalog = parts.catalog();
        this.hooks = Hooks.load(settings.hooks(), catalog.classLoader());
        this.metrics = new DaemonMetrics();
        RunNotifier notifier = new RunNotifier(store, catalog, metrics, hooks, this::publicUrl, clock);
        // Replicas of a rolling update serve different suites: each records its own here.
        Optional<ReplicaRegistry> replicas = database.isShared()
                ? Optional.of(new ReplicaRegistry(database.dataSource(), instanceId))
                : Optional.empty();
        this.forked = forkedRuns(settings, catalog);
        this.runs = new RunService(
                catalog,
                store,
                clock,
                settings.environment(),
                settings.maxConcurrentRuns(),
                settings.maxPendingRuns(),
                database.isShared(),
                notifier,
                replicas.<LiveSuites>map(registry -> registry::liveSuites).orElse(LiveSuites.NONE),
                forked);
        this.retention = new Retention(store, settings.retention(), clock);
        try {
            this.schedules = new ScheduleService(
                    database.dataSource(), database.jdbcUrl(), catalog, runs, store, clock, instanceId, replicas);
        } catch (RuntimeException e) {
            metrics.close(); // its JVM-wide GC listeners must not outlive a daemon that never was
            throw e;
        }
        this.readiness = new Readiness(() -> server, runs, schedules, database);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** With {@code --isolation fork}: the child JVMs' options and class path, worked out once. */
    private static Optional<ForkedRuns> forkedRuns(Settings settings, SuiteCatalog catalog) {
        return settings.isolation() == Isolation.FORK
                ? Optional.of(ForkedRuns.of(
                        settings.forkJvmArgs(), catalog, settings.dataDir().resolve(CACHE)))
                : Optional.empty();
    }

    /** The data dir's folder of unpacked jars: test jars served as folders, Handoff's classes for forked runs. */
    static final String CACHE = "cache";

    /** Settings of a daemon; {@link #builder()} fills them with defaults. */
    public record Settings(
            List<Class<?>> suiteClasses,
            List<Path> suitesPaths,
            boolean classpathDirectories,
            String host,
            int port,
            Path dataDir,
            String environment,
            int maxConcurrentRuns,
            Duration shutdownGrace,
            Duration retention,
            Optional<DatabaseLogin> database,
            HookSettings hooks,
            Optional<Path> apiTokens,
            boolean publicRead,
            Optional<TlsFiles> tls,
            Optional<Path> tlsClientRoles,
            int maxPendingRuns,
            Isolation isolation,
            List<String> forkJvmArgs) {

        public Settings {
            Objects.requireNonNull(isolation, "isolation");
            forkJvmArgs = List.copyOf(forkJvmArgs);
            Objects.requireNonNull(apiTokens, "apiTokens");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(tlsClientRoles, "tlsClientRoles");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(hooks, "hooks");
            suiteClasses = List.copyOf(suiteClasses);
            suitesPaths = List.copyOf(suitesPaths);
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            Objects.requireNonNull(retention, "retention");
        }
    }

    /**
     * A database given by JDBC URL instead of the H2 file in the data dir (PostgreSQL for several
     * replicas). Its {@code toString} leaves the password out, so settings can be logged.
     */
    public record DatabaseLogin(String url, String user, String password) {

        public DatabaseLogin {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "DatabaseLogin[url=" + url + ", user=" + user + ", password=(hidden)]";
        }
    }

    /** Collects settings; {@link #build()} checks them, opens the database and discovers the suites. */
    public static final class Builder {
        public static final int DEFAULT_PORT = 1337;
        public static final String DEFAULT_HOST = "0.0.0.0";
        public static final Path DEFAULT_DATA_DIR = Path.of("handoff-data");
        public static final int DEFAULT_MAX_CONCURRENT_RUNS = 4;
        public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
        public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
        /** Runs of one suite waiting to start; more triggers are refused until some start. */
        public static final int DEFAULT_MAX_PENDING_RUNS = 100;
        /** In-process: see the README's "Isolation" for the measurements behind it. */
        public static final Isolation DEFAULT_ISOLATION = Isolation.NONE;
        /** What the database keeps of the environment's name with each run. */
        public static final int MAX_ENVIRONMENT = 500;

        private final List<Class<?>> suiteClasses = new ArrayList<>();
        private final List<Path> suitesPaths = new ArrayList<>();
        private boolean classpathDirectories;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path dataDir = DEFAULT_DATA_DIR;
        private String environment = "";
        private int maxConcurrentRuns = DEFAULT_MAX_CONCURRENT_RUNS;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private Duration retention = DEFAULT_RETENTION;
        private DatabaseLogin database;
        private URI publicUrl;
        private String slackWebhook;
        private String pagerDutyRoutingKey;
        private URI pagerDutyUrl = HookSettings.PAGERDUTY_EVENTS;
        private String gitHubRepository;
        private String gitHubToken;
        private URI gitHubApiUrl = HookSettings.GITHUB_API;
        private String webhookUrl;
        private final List<Hook> hooks = new ArrayList<>();
        private final Map<String, Map<String, String>> hookSettings = new LinkedHashMap<>();
        private boolean serviceLoaderHooks = true;
        private Duration hookTimeout = HookSettings.DEFAULT_TIMEOUT;
        private Duration asyncHookTimeout = HookSettings.DEFAULT_ASYNC_TIMEOUT;
        private Path apiTokens;
        private boolean publicRead;
        private Path tlsCertificate;
        private Path tlsKey;
        private Path tlsClientCa;
        private Path tlsClientRoles;
        private int maxPendingRuns = DEFAULT_MAX_PENDING_RUNS;
        private Isolation isolation = DEFAULT_ISOLATION;
        private final List<String> forkJvmArgs = new ArrayList<>();

        private Builder() {}

        /** Suite classes on this process's classpath. */
        public Builder suites(Class<?>... classes) {
            suiteClasses.addAll(List.of(classes));
            return this;
        }

        /** A jar or folder of compiled suites (and their dependencies); repeatable. */
        public Builder suitesPath(Path path) {
            suitesPaths.add(path);
            return this;
        }

        /** Also every suite in the folders of this process's classpath (as {@code mvn exec} sees a project). */
        public Builder classpathDirectories() {
            classpathDirectories = true;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** 0 picks a free port; {@link Handoff#port()} tells which. Default 1337. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where the H2 database lives. Default {@code ./handoff-data}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /**
         * Stores everything in the database at this JDBC URL ({@code jdbc:postgresql://...} for
         * several replicas) instead of the H2 file in the data dir.
         */
        public Builder database(String jdbcUrl, String user, String password) {
            this.database = new DatabaseLogin(jdbcUrl, user, password);
            return this;
        }

        /** Stored with each run, such as the cluster's name. */
        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder maxConcurrentRuns(int runs) {
            this.maxConcurrentRuns = runs;
            return this;
        }

        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = grace;
            return this;
        }

        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /** Where people reach the daemon (behind a proxy, say): links in hooks' messages start with it. Default: {@link Handoff#url()}. */
        public Builder publicUrl(URI url) {
            this.publicUrl = url;
            return this;
        }

        /** Posts to this Slack incoming webhook when a run fails and when a suite recovers. */
        public Builder slack(String webhookUrl) {
            this.slackWebhook = webhookUrl;
            return this;
        }

        /** Triggers a PagerDuty alert (Events API v2) when a run fails; the suite's next pass resolves it. */
        public Builder pagerDuty(String routingKey) {
            this.pagerDutyRoutingKey = routingKey;
            return this;
        }

        /** Where PagerDuty events go. Default {@code https://events.pagerduty.com/v2/enqueue}. */
        public Builder pagerDutyUrl(URI url) {
            this.pagerDutyUrl = url;
            return this;
        }

        /** Sets GitHub commit statuses of {@code OWNER/REPO} for runs whose ref is a commit SHA. */
        public Builder gitHubStatus(String repository, String token) {
            this.gitHubRepository = repository;
            this.gitHubToken = token;
            return this;
        }

        /** GitHub's REST API. Default {@code https://api.github.com}. */
        public Builder gitHubApiUrl(URI url) {
            this.gitHubApiUrl = url;
            return this;
        }

        /** Sends every finished run to this URL as a CloudEvent. */
        public Builder webhook(String url) {
            this.webhookUrl = url;
            return this;
        }

        /** A hook object, beside those {@code ServiceLoader} finds. */
        public Builder hook(Hook hook) {
            hooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** A setting the hook named {@code hook} gets in its {@code init}. */
        public Builder hookSetting(String hook, String key, String value) {
            hookSettings.computeIfAbsent(hook, name -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        /** Whether hooks listed in {@code META-INF/services/dev.handoff.api.Hook} are used too. Default true. */
        public Builder serviceLoaderHooks(boolean enabled) {
            this.serviceLoaderHooks = enabled;
            return this;
        }

        /** How long a hook called on the run's thread may take per call. Default 5 s. */
        public Builder hookTimeout(Duration timeout) {
            this.hookTimeout = timeout;
            return this;
        }

        /** How long an async hook may take per call, retries included. Default 30 s. */
        public Builder asyncHookTimeout(Duration timeout) {
            this.asyncHookTimeout = timeout;
            return this;
        }

        /**
         * Requires API tokens, read from this file of lines {@code ROLE TOKEN [NAME]} (roles {@code
         * read}, {@code trigger}, {@code admin}); without it anyone may do anything.
         */
        public Builder apiTokens(Path file) {
            this.apiTokens = file;
            return this;
        }

        /** Reads (pages, runs, schedules) need no token even when tokens are required. */
        public Builder publicRead(boolean publicRead) {
            this.publicRead = publicRead;
            return this;
        }

        /** Serves HTTPS with this PEM certificate chain and PEM (PKCS#8) private key. */
        public Builder tls(Path certificate, Path key) {
            this.tlsCertificate = certificate;
            this.tlsKey = key;
            return this;
        }

        /**
         * Accepts client certificates signed by the CAs in this PEM file; {@code roles} maps their
         * subjects to roles in lines {@code ROLE SUBJECT} (such as {@code trigger CN=ci-bot,O=Acme}).
         */
        public Builder tlsClientCertificates(Path clientCa, Path roles) {
            this.tlsClientCa = clientCa;
            this.tlsClientRoles = roles;
            return this;
        }

        /** How many runs of one suite may wait to start; a trigger beyond is refused (429). Default 100. */
        public Builder maxPendingRuns(int runs) {
            this.maxPendingRuns = runs;
            return this;
        }

        /**
         * Where runs execute: {@link Isolation#NONE} in this JVM, {@link Isolation#FORK} in a JVM of
         * their own each, as Surefire forks. Default {@link #DEFAULT_ISOLATION}.
         */
        public Builder isolation(Isolation isolation) {
            this.isolation = Objects.requireNonNull(isolation, "isolation");
            return this;
        }

        /** Options of each forked run's JVM, such as {@code -Xmx512m} or {@code -Dkey=value}; needs {@link Isolation#FORK}. */
        public Builder forkJvmArgs(List<String> args) {
            forkJvmArgs.addAll(args);
            return this;
        }

        public Settings settings() {
            HookSettings hookSettings = new HookSettings(
                    Optional.ofNullable(publicUrl),
                    Optional.ofNullable(slackWebhook),
                    Optional.ofNullable(pagerDutyRoutingKey),
                    pagerDutyUrl,
                    Optional.ofNullable(gitHubRepository),
                    Optional.ofNullable(gitHubToken),
                    gitHubApiUrl,
                    Optional.ofNullable(webhookUrl),
                    hooks,
                    this.hookSettings,
                    serviceLoaderHooks,
                    hookTimeout,
                    asyncHookTimeout);
            Optional<TlsFiles> tls = tlsCertificate == null && tlsKey == null
                    ? Optional.empty()
                    : Optional.of(new TlsFiles(
                            Objects.requireNonNull(tlsCertificate, "TLS needs a certificate as well as a key"),
                            Objects.requireNonNull(tlsKey, "TLS needs a key as well as a certificate"),
                            Optional.ofNullable(tlsClientCa)));
            return new Settings(
                    suiteClasses,
                    suitesPaths,
                    classpathDirectories,
                    host,
                    port,
                    dataDir,
                    environment,
                    maxConcurrentRuns,
                    shutdownGrace,
                    retention,
                    Optional.ofNullable(database),
                    hookSettings,
                    Optional.ofNullable(apiTokens),
                    publicRead,
                    tls,
                    Optional.ofNullable(tlsClientRoles),
                    maxPendingRuns,
                    isolation,
                    forkJvmArgs);
        }

        /**
         * Checks the settings, opens and migrates the database and discovers the suites; nothing
         * listens yet.
         *
         * @throws IllegalArgumentException with a one-line message naming the problem: a suites
         *     path that does not exist, two suites with one name, a bad setting
         */
        public Handoff build() {
            SettingsChecks.checkTlsFiles(tlsCertificate, tlsKey, tlsClientCa);
            Settings settings = settings();
            SettingsChecks.check(settings);
            OpenedParts parts = OpenedParts.open(settings);
            try {
                return new Handoff(settings, Clock.systemUTC(), parts);
            } catch (RuntimeException e) {
                parts.close();
                throw e;
            }
        }
    }

    /**
     * Starts serving and running; returns this.
     *
     * @throws IllegalStateException when it cannot listen on its host and port
     */
    public synchronized Handoff start() {
        if (server == null) {
            // The server first: a port in use must fail the start before any run resumes.
            server = DaemonServer.start(
                    settings.host(),
                    settings.port(),
                    ApiWiring.context(
                            catalog, store, runs, schedules, readiness, this::junitXml, clock, metrics, access),
                    settings.tls());
            if (access.isOpen()) {
                System.getLogger(Handoff.class.getName()).log(System.Logger.Level.WARNING, Access.OPEN_NOTICE);
            }
            // Hooks learn the public URL, which may need the port the server got.
            hooks.init(publicUrl(), metrics);
            retention.start();
            // Schedules first: in a cluster this daemon checks in there, before it claims any run.
            schedules.start();
            runs.start();
            started.countDown();
        }
        return this;
    }

    /** The port it listens on (the chosen one after {@code port(0)}). */
    public int port() {
        return serverOrFail().port();
    }

    /** {@code http://HOST:PORT/} ({@code https} with TLS), with 127.0.0.1 for a daemon listening on every address. */
    public URI url() {
        String host = settings.host().equals("0.0.0.0") || settings.host().equals("::") ? "127.0.0.1" : settings.host();
        return URI.create((settings.tls().isPresent() ? "https" : "http") + "://"
                + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    /** Waits until it serves and is ready (suites discovered, database migrated). @return whether it got ready in time */
    public boolean awaitReady(Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        try {
            if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            while (!readiness.isReady()) {
                if (clock.instant().isAfter(deadline)) {
                    return false;
                }
                Thread.sleep(10);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Settings settings() {
        return settings;
    }

    /** Who may do what: the tokens and certificate roles it was given (as hashes), or open access. */
    public Access access() {
        return access;
    }

    public SuiteCatalog catalog() {
        return catalog;
    }

    public RunStore store() {
        return store;
    }

    public RunService runs() {
        return runs;
    }

    public ScheduleService schedules() {
        return schedules;
    }

    /** This daemon's id among the replicas of a cluster (its Quartz instance id), stored with the runs it executes. */
    public String instanceId() {
        return instanceId;
    }

    /** The run as JUnit XML; empty when there is no such run. */
    public Optional<String> junitXml(RunId id) {
        return store.detail(id)
                .map(detail -> JunitXmlReport.render(
                        detail.run(),
                        detail.tests().stream()
                                .flatMap(test -> store.attempts(id, test.test()).stream())
                                .sorted(Comparator.comparing(Attempt::finishedAt))
                                .toList(),
                        detail.setupLog()));
    }

    /**
     * Stops gracefully: new triggers get 503, running tests get up to the shutdown grace to finish,
     * runs still unfinished stay in the database and resume at the next start.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // No more fires while runs drain (they would only be refused), but still a live member of
        // a cluster until they stopped: the other replicas take its runs only once it released them.
        schedules.standby();
        runs.close(settings.shutdownGrace());
        schedules.close();
        hooks.close();
        retention.close();
        if (server != null) {
            server.stop();
        }
        database.close();
        catalog.close();
        metrics.close();
    }

    /** The daemon's metrics in the Prometheus text format, as {@code GET /metrics} serves them. */
    public String metrics() {
        return metrics.scrape();
    }

    /** Where its runs execute, for the startup line: in this JVM, or each in a JVM of its own and on which JUnit. */
    public String isolation() {
        return forked.map(ForkedRuns::describe).orElse("each run in the daemon's JVM (--isolation none)");
    }

    /** The names of the hooks it calls, built-in ones included. */
    public List<String> hooks() {
        return hooks.names();
    }

    /** Where people reach it: the configured public URL, else {@link #url()}; ends with {@code /}. */
    public URI publicUrl() {
        return settings.hooks()
                .publicUrl()
                .map(url -> url.toString().endsWith("/") ? url : URI.create(url + "/"))
                .orElseGet(this::url);
    }

    private WebServer serverOrFail() {
        if (server == null) {
            throw new IllegalStateException("the daemon is not started yet: call start() first");
        }
        return server;
    }
}
