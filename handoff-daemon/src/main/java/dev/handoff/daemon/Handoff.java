package dev.handoff.daemon;

import dev.handoff.api.Hook;
import dev.handoff.daemon.access.Access;
import dev.handoff.daemon.assembly.Daemon;
import dev.handoff.daemon.config.DaemonConfig;
import dev.handoff.daemon.config.Settings;
import dev.handoff.daemon.config.Values;
import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.schedule.ScheduleService;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.daemon.trigger.RunService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    private final CountDownLatch started = new CountDownLatch(1);
    private boolean running;
    private boolean closed;

    private Handoff(Daemon daemon) {
        this.daemon = daemon;
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
    public static final class Builder {

        private final Values values = new Values();

        private Builder() {}

        /** Suite classes on this process's classpath. */
        public Builder suites(Class<?>... classes) {
            values.set(Settings.SUITE_CLASSES, List.of(classes));
            return this;
        }

        /** A jar or folder of compiled suites (and their dependencies); repeatable. */
        public Builder suitesPath(Path path) {
            values.set(Settings.SUITES, List.of(path));
            return this;
        }

        /** Also every suite in the folders of this process's classpath (as {@code mvn exec} sees a project). */
        public Builder classpathDirectories() {
            values.set(Settings.CLASSPATH_DIRECTORIES, true);
            return this;
        }

        /** The address to listen on. Default {@code 0.0.0.0}. */
        public Builder host(String host) {
            values.set(Settings.HOST, host);
            return this;
        }

        /** 0 picks a free port; {@link Handoff#port()} tells which. Default 1337. */
        public Builder port(int port) {
            values.set(Settings.PORT, port);
            return this;
        }

        /** Where the H2 database lives. Default {@code ./handoff-data}. */
        public Builder dataDir(Path dataDir) {
            values.set(Settings.DATA_DIR, dataDir);
            return this;
        }

        /**
         * Stores everything in the database at this JDBC URL ({@code jdbc:postgresql://...} for
         * several replicas) instead of the H2 file in the data dir.
         */
        public Builder database(String jdbcUrl, String user, String password) {
            values.set(Settings.DB_URL, jdbcUrl).set(Settings.DB_USER, user).set(Settings.DB_PASSWORD, password);
            return this;
        }

        /** Stored with each run, such as the cluster's name. */
        public Builder environment(String environment) {
            values.set(Settings.ENVIRONMENT, environment);
            return this;
        }

        /** How many runs execute at once. Default 4. */
        public Builder maxConcurrentRuns(int runs) {
            values.set(Settings.MAX_CONCURRENT_RUNS, runs);
            return this;
        }

        /** How long running tests may take to finish on {@link #close()}. Default 30 s. */
        public Builder shutdownGrace(Duration grace) {
            values.set(Settings.SHUTDOWN_GRACE, grace);
            return this;
        }

        /** How long finished runs are kept; {@link Duration#ZERO} keeps them forever. Default 30 days. */
        public Builder retention(Duration retention) {
            values.set(Settings.RETENTION, Optional.of(retention));
            return this;
        }

        /** Where people reach the daemon (behind a proxy, say): links in hooks' messages start with it. Default: {@link Handoff#url()}. */
        public Builder publicUrl(URI url) {
            values.set(Settings.PUBLIC_URL, url);
            return this;
        }

        /** Posts to this Slack incoming webhook when a run fails and when a suite recovers. */
        public Builder slack(String webhookUrl) {
            values.setText(Settings.SLACK_WEBHOOK_URL, webhookUrl);
            return this;
        }

        /** Triggers a PagerDuty alert (Events API v2) when a run fails; the suite's next pass resolves it. */
        public Builder pagerDuty(String routingKey) {
            values.set(Settings.PAGERDUTY_ROUTING_KEY, routingKey);
            return this;
        }

        /** Where PagerDuty events go. Default {@code https://events.pagerduty.com/v2/enqueue}. */
        public Builder pagerDutyUrl(URI url) {
            values.set(Settings.PAGERDUTY_URL, url);
            return this;
        }

        /** Sets GitHub commit statuses of {@code OWNER/REPO} for runs whose ref is a commit SHA. */
        public Builder gitHubStatus(String repository, String token) {
            values.set(Settings.GITHUB_REPOSITORY, repository).set(Settings.GITHUB_TOKEN, token);
            return this;
        }

        /** GitHub's REST API. Default {@code https://api.github.com}. */
        public Builder gitHubApiUrl(URI url) {
            values.set(Settings.GITHUB_API_URL, url);
            return this;
        }

        /** Sends every finished run to this URL as a CloudEvent. */
        public Builder webhook(String url) {
            values.setText(Settings.WEBHOOK_URL, url);
            return this;
        }

        /** A hook object, beside those {@code ServiceLoader} finds. */
        public Builder hook(Hook hook) {
            values.set(Settings.HOOKS, List.of(java.util.Objects.requireNonNull(hook, "hook")));
            return this;
        }

        /** A setting the hook named {@code hook} gets in its {@code init}. */
        public Builder hookSetting(String hook, String key, String value) {
            values.set(Settings.HOOK_SETTING, Map.of(hook, Map.of(key, value)));
            return this;
        }

        /** Whether hooks listed in {@code META-INF/services/dev.handoff.api.Hook} are used too. Default true. */
        public Builder serviceLoaderHooks(boolean enabled) {
            values.set(Settings.SERVICE_LOADER_HOOKS, enabled);
            return this;
        }

        /** How long a hook called on the run's thread may take per call. Default 5 s. */
        public Builder hookTimeout(Duration timeout) {
            values.set(Settings.HOOK_TIMEOUT, timeout);
            return this;
        }

        /** How long an async hook may take per call, retries included. Default 30 s. */
        public Builder asyncHookTimeout(Duration timeout) {
            values.set(Settings.ASYNC_HOOK_TIMEOUT, timeout);
            return this;
        }

        /**
         * Requires API tokens, read from this file of lines {@code ROLE TOKEN [NAME]} (roles {@code
         * read}, {@code trigger}, {@code admin}); without it anyone may do anything.
         */
        public Builder apiTokens(Path file) {
            values.set(Settings.API_TOKENS, file);
            return this;
        }

        /** Reads (pages, runs, schedules) need no token even when tokens are required. */
        public Builder publicRead(boolean publicRead) {
            values.set(Settings.PUBLIC_READ, publicRead);
            return this;
        }

        /** Serves HTTPS with this PEM certificate chain and PEM (PKCS#8) private key. */
        public Builder tls(Path certificate, Path key) {
            values.set(Settings.TLS_CERT, certificate).set(Settings.TLS_KEY, key);
            return this;
        }

        /**
         * Accepts client certificates signed by the CAs in this PEM file; {@code roles} maps their
         * subjects to roles in lines {@code ROLE SUBJECT} (such as {@code trigger CN=ci-bot,O=Acme}).
         */
        public Builder tlsClientCertificates(Path clientCa, Path roles) {
            values.set(Settings.TLS_CLIENT_CA, clientCa).set(Settings.TLS_CLIENT_ROLES, roles);
            return this;
        }

        /** How many runs of one suite may wait to start; a trigger beyond is refused (429). Default 100. */
        public Builder maxPendingRuns(int runs) {
            values.set(Settings.MAX_PENDING_RUNS, runs);
            return this;
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
        if (!running) {
            daemon.start();
            running = true;
            started.countDown();
        }
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
        Clock clock = Clock.systemUTC();
        Instant deadline = clock.instant().plus(timeout);
        try {
            if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            while (!daemon.isReady()) {
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
        if (!closed) {
            closed = true;
            daemon.close();
        }
    }

    /** The daemon's metrics in the Prometheus text format, as {@code GET /metrics} serves them. */
    public String metrics() {
        return daemon.metrics().scrape();
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
