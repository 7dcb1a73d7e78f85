package dev.handoff.daemon.assembly;

import dev.handoff.daemon.access.Access;
import dev.handoff.daemon.config.Cluster;
import dev.handoff.daemon.config.DaemonConfig;
import dev.handoff.daemon.config.Isolation;
import dev.handoff.daemon.config.StabilityConfig;
import dev.handoff.daemon.discovery.LiveSuites;
import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.execution.ForkedRuns;
import dev.handoff.daemon.execution.RunTracing;
import dev.handoff.daemon.gate.GateService;
import dev.handoff.daemon.hook.Hooks;
import dev.handoff.daemon.hook.RunNotifier;
import dev.handoff.daemon.metrics.DaemonMetrics;
import dev.handoff.daemon.metrics.StabilityMetrics;
import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.StabilityRules;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.TraceLinks;
import dev.handoff.daemon.report.JunitXmlReport;
import dev.handoff.daemon.schedule.FireObserver;
import dev.handoff.daemon.schedule.ScheduleService;
import dev.handoff.daemon.stability.StabilityService;
import dev.handoff.daemon.store.CachedRunStore;
import dev.handoff.daemon.store.Database;
import dev.handoff.daemon.store.GateStore;
import dev.handoff.daemon.store.JdbcRunStore;
import dev.handoff.daemon.store.ReplicaRegistry;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.daemon.store.StabilityStore;
import dev.handoff.daemon.trigger.RunService;
import dev.handoff.daemon.web.AllowedHosts;
import dev.handoff.daemon.web.DaemonServer;
import dev.handoff.engine.internal.OtlpSetup;
import io.helidon.webserver.WebServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.URI;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * A daemon's parts, built from its {@link DaemonConfig} and wired together: the composition root.
 * {@link dev.handoff.daemon.Handoff} is the library's face of it; nothing else builds these parts.
 *
 * <p>Building opens the database and discovers the suites (nothing listens yet); {@link #start}
 * serves and runs; {@link #close} stops in the order that loses nothing.
 */
@API(status = API.Status.INTERNAL)
public final class Daemon implements AutoCloseable {

    private final DaemonConfig config;
    private final Cluster cluster;
    private final Clock clock;
    private final Access access;
    private final Database database;
    private final SuiteCatalog catalog;
    private final RunStore store;
    private final DaemonMetrics metrics;
    private final Hooks hooks;
    private final StabilityService stability;
    private final RunService runs;
    private final GateService gates;
    private final Retention retention;
    private final ScheduleService schedules;
    private final Readiness readiness;
    private final Optional<ForkedRuns> forked;
    private final OpenTelemetrySdk openTelemetry;
    private final RunTracing tracing;
    private WebServer server;
    private final StartupProfile profile;

    /** The data dir's folder of unpacked jars: test jars served as folders, Handoff's classes for forked runs. */
    static final String CACHE = "cache";

    private Daemon(DaemonConfig config, Clock clock, OpenedParts parts) {
        this.config = config;
        this.clock = clock;
        this.access = parts.access();
        this.database = parts.database();
        this.catalog = parts.catalog();
        this.profile = parts.profile();
        String instanceName = config.runs().instanceName().orElseGet(InstanceIds::host);
        this.cluster = Cluster.of(config.storage(), InstanceIds.next(instanceName));
        this.store = new CachedRunStore(
                new JdbcRunStore(database.dataSource(), cluster.instanceId()), cluster.hasReplicas());
        this.hooks = Hooks.load(config.hooks(), catalog.classLoader());
        this.metrics = new DaemonMetrics(instanceName);
        OtlpSetup.Drops drops = new OtlpSetup.Drops();
        this.openTelemetry = OtlpSetup.create(
                config.tracing().otlpEndpoint().map(URI::toString).orElse(null), drops);
        metrics.spansDropped(drops::count);
        this.tracing = new RunTracing(openTelemetry, config.tracing().otlpEndpoint());
        StabilityConfig judged = config.stability();
        this.stability = new StabilityService(
                new StabilityStore(database.dataSource()),
                catalog,
                new StabilityRules(
                        judged.window(),
                        judged.minRuns(),
                        judged.brokenAfter(),
                        judged.flakyPercent(),
                        judged.flipPercent()),
                judged.autoQuarantine(),
                new StabilityMetrics(metrics.registry()),
                clock);
        RunNotifier notifier =
                new RunNotifier(store, catalog, metrics, hooks, this::publicUrl, clock, traceLinks(), stability.feed());
        // Replicas of a rolling update serve different suites: each records its own here.
        Optional<ReplicaRegistry> replicas = cluster.hasReplicas()
                ? Optional.of(new ReplicaRegistry(database.dataSource(), cluster.instanceId()))
                : Optional.empty();
        this.forked = forkedRuns(config, catalog);
        this.runs = new RunService(
                catalog,
                store,
                clock,
                config.runs().environment(),
                config.runs().maxConcurrentRuns(),
                config.runs().maxPendingRuns(),
                cluster,
                notifier,
                replicas.<LiveSuites>map(registry -> registry::liveSuites).orElse(LiveSuites.NONE),
                forked,
                tracing);
        this.gates = new GateService(new GateStore(database.dataSource()), runs, store, clock);
        this.retention = new Retention(store, config.runs().retention(), clock, gates::deleteDecidedBefore);
        try {
            this.schedules = profile.time(
                    StartupProfile.QUARTZ,
                    () -> new ScheduleService(
                            database.dataSource(),
                            database.jdbcUrl(),
                            catalog,
                            runs,
                            store,
                            clock,
                            cluster,
                            replicas,
                            FireObserver.of(metrics::scheduleFired, metrics::scheduleDeleted)));
        } catch (RuntimeException e) {
            metrics.close(); // its JVM-wide GC listeners must not outlive a daemon that never was
            tracing.close();
            openTelemetry.shutdown();
            throw e;
        }
        this.readiness = new Readiness(() -> server, runs, schedules, database);
    }

    /** With {@code --isolation fork}: the child JVMs' options and class path, worked out once. */
    private static Optional<ForkedRuns> forkedRuns(DaemonConfig config, SuiteCatalog catalog) {
        return config.runs().isolation() == Isolation.FORK
                ? Optional.of(ForkedRuns.of(
                        config.runs().forkJvmArgs(),
                        config.runs().forkWorkDir(),
                        catalog,
                        // Absolute: a child may run in another working directory (--fork-work-dir).
                        config.storage().dataDir().resolve(CACHE).toAbsolutePath()))
                : Optional.empty();
    }

    /**
     * Opens the database and discovers the suites; nothing listens yet.
     *
     * @throws IllegalArgumentException with a one-line message naming the problem: a suites path
     *     that does not exist, two suites with one name, a bad token file
     * @throws IllegalStateException when the database cannot be opened
     */
    public static Daemon build(DaemonConfig config) {
        OpenedParts parts = OpenedParts.open(config);
        try {
            return new Daemon(config, Clock.systemUTC(), parts);
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    /**
     * Serves and runs.
     *
     * @throws IllegalStateException when it cannot listen on its host and port
     */
    public void start() {
        // The server first: a port in use must fail the start before any run resumes.
        server = profile.time(
                StartupProfile.SERVER,
                () -> DaemonServer.start(
                        config.server().host(),
                        config.server().port(),
                        ApiWiring.context(
                                catalog,
                                store,
                                runs,
                                schedules,
                                readiness,
                                this::junitXml,
                                clock,
                                metrics,
                                gates,
                                access,
                                traceLinks(),
                                stability),
                        config.server().tls(),
                        AllowedHosts.of(
                                config.server().allowedHosts(), config.hooks().publicUrl(), System.getenv())));
        if (access.isOpen()) {
            System.getLogger(Daemon.class.getName()).log(System.Logger.Level.WARNING, Access.OPEN_NOTICE);
        }
        // Hooks learn the public URL, which may need the port the server got.
        hooks.init(publicUrl(), metrics);
        stability.refreshQuarantineCounts();
        retention.start();
        // Schedules first: in a cluster this daemon checks in there, before it claims any run.
        profile.time(StartupProfile.QUARTZ, schedules::start);
        runs.start();
        System.getLogger(Daemon.class.getName()).log(System.Logger.Level.INFO, profile.describe());
    }

    /** The links from an attempt to its trace and logs, from {@code --trace-url} and {@code --logs-url}. */
    public TraceLinks traceLinks() {
        return new TraceLinks(config.tracing().traceUrl(), config.tracing().logsUrl());
    }

    /** Whether it serves and can take runs (suites discovered, database reachable, scheduler running). */
    public boolean isReady() {
        return readiness.isReady();
    }

    /** The port it listens on (the chosen one for port 0). */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("the daemon is not started yet: call start() first");
        }
        return server.port();
    }

    /** {@code http://HOST:PORT/} ({@code https} with TLS), with 127.0.0.1 for a daemon listening on every address. */
    public URI url() {
        String host = config.server().host();
        String reachable = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return URI.create((config.server().tls().isPresent() ? "https" : "http") + "://"
                + (reachable.contains(":") ? "[" + reachable + "]" : reachable) + ":" + port() + "/");
    }

    public DaemonConfig config() {
        return config;
    }

    public Cluster cluster() {
        return cluster;
    }

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

    public DaemonMetrics metrics() {
        return metrics;
    }

    public Hooks hooks() {
        return hooks;
    }

    public StabilityService stability() {
        return stability;
    }

    /** Where its runs execute, for the startup line: in this JVM, or each in a JVM of its own and on which JUnit. */
    public String isolation() {
        return forked.map(ForkedRuns::describe).orElse("each run in the daemon's JVM (--isolation none)");
    }

    /** Where people reach it: the configured public URL, else where it listens; ends with {@code /}. */
    public URI publicUrl() {
        return config.hooks()
                .publicUrl()
                .map(url -> url.toString().endsWith("/") ? url : URI.create(url + "/"))
                .orElseGet(this::url);
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
                        detail.setupLog(),
                        catalog.find(id.suite()).map(Suite::className)));
    }

    /**
     * Stops gracefully: new triggers get 503, running tests get up to the shutdown grace to finish,
     * runs still unfinished stay in the database and resume at the next start.
     */
    @Override
    public void close() {
        // No more fires while runs drain (they would only be refused), but still a live member of
        // a cluster until they stopped: the other replicas take its runs only once it released them.
        schedules.standby();
        runs.close(config.runs().shutdownGrace());
        schedules.close();
        hooks.close();
        retention.close();
        if (server != null) {
            server.stop();
        }
        database.close();
        catalog.close();
        tracing.close();
        // The last spans get a few seconds; an unreachable collector does not hold the stop up longer.
        openTelemetry.shutdown().join(5, TimeUnit.SECONDS);
        metrics.close();
    }
}
