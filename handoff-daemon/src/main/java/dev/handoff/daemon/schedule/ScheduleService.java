package dev.handoff.daemon.schedule;

import dev.handoff.daemon.config.Cluster;
import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.ScheduleConflictException;
import dev.handoff.daemon.model.ScheduleDefinition;
import dev.handoff.daemon.model.ScheduleFire;
import dev.handoff.daemon.model.ScheduleStatus;
import dev.handoff.daemon.model.StoredSchedule;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.UnknownScheduleException;
import dev.handoff.daemon.model.UnknownSuiteException;
import dev.handoff.daemon.store.ReplicaRegistry;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.daemon.store.ScheduleStore;
import dev.handoff.daemon.trigger.RunService;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * The daemon's schedules: declared ones ({@code @Schedule}) registered at start, others made over
 * the API, all fired by Quartz from the daemon's database. A fire triggers a run through the
 * {@link RunService} like any other trigger, initiated by {@code schedule:NAME}.
 *
 * <p>A fire while the schedule's last run is still pending starts nothing and is counted as
 * skipped: at most one run of a schedule waits, however slow its suite. A running last run does
 * not skip the fire; the new run waits behind it.
 *
 * <p>In a cluster, replicas may declare different schedules for a while (a rolling update): each
 * records its own in the {@link ReplicaRegistry}, and {@link DeclaredSchedules} decides from what
 * the live replicas declare, at start and every {@link #KEEP_IN_STEP} after.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class ScheduleService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ScheduleService.class.getName());
    /**
     * How often a replica of a cluster brings the declared schedules in line with the live
     * replicas: a schedule that no live replica declares any more goes, one whose definition no
     * live replica declares any more takes this replica's. Quartz needs about 9 s to find a dead
     * replica; this adds at most its own period to that.
     */
    static final Duration KEEP_IN_STEP = Duration.ofSeconds(3);

    private final Scheduler scheduler;
    private final QuartzTriggers triggers;
    private final ScheduleStatuses statuses;
    private final ScheduleStore store;
    private final RunService runs;
    private final RunStore runStore;
    private final Clock clock;
    private final Map<String, ScheduleDefinition> declared;
    private final Set<String> suites;
    private final Optional<ReplicaRegistry> registry;
    private final Thread keeper;
    private final CountDownLatch stopKeeping = new CountDownLatch(1);
    private final FireObserver observer;
    private final ScheduleFiring firing;

    /**
     * Checks the declared schedules; registers nothing until {@link #start()}.
     *
     * @param cluster alone, or one of replicas sharing the database (then Quartz's clustered job
     *     store fires each schedule on one of them); its instance id is Quartz's
     * @param registry in a cluster, where the replicas record what they serve; empty for a daemon
     *     alone
     * @throws IllegalArgumentException naming the schedule and its suite, when a declared schedule
     *     is invalid or two have one name
     */
    public ScheduleService(
            javax.sql.DataSource dataSource,
            String jdbcUrl,
            SuiteCatalog catalog,
            RunService runs,
            RunStore runStore,
            Clock clock,
            Cluster cluster,
            Optional<ReplicaRegistry> registry) {
        this(dataSource, jdbcUrl, catalog, runs, runStore, clock, cluster, registry, FireObserver.NONE);
    }

    /**
     * @param cluster alone, or one of replicas sharing the database (then Quartz's clustered job
     *     store fires each schedule on one of them); its instance id is Quartz's
     * @param registry in a cluster, where the replicas record what they serve; empty for a daemon
     *     alone
     * @param observer told of each fire this daemon handles (the lateness metric)
     */
    public ScheduleService(
            javax.sql.DataSource dataSource,
            String jdbcUrl,
            SuiteCatalog catalog,
            RunService runs,
            RunStore runStore,
            Clock clock,
            Cluster cluster,
            Optional<ReplicaRegistry> registry,
            FireObserver observer) {
        this.observer = observer;
        this.store = new ScheduleStore(dataSource);
        this.runs = runs;
        this.runStore = runStore;
        this.clock = clock;
        this.declared = DeclaredSchedules.of(catalog, runs, clock.instant());
        this.suites = catalog.suites().stream().map(Suite::name).collect(Collectors.toUnmodifiableSet());
        this.registry = registry;
        this.keeper = Thread.ofVirtual().name("handoff-declared-schedules").unstarted(this::keepDeclaredInStep);
        this.scheduler = QuartzSchedulers.create(dataSource, jdbcUrl, cluster);
        this.triggers = new QuartzTriggers(scheduler);
        this.statuses = new ScheduleStatuses(store, triggers, runStore);
        this.firing = new ScheduleFiring(store, runs, clock, cluster.instanceId(), observer, triggers::remove);
        try {
            scheduler.setJobFactory((bundle, quartz) -> new ScheduleJob(firing));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot set up the scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * Registers the declared schedules (keeping the counts and pause state of unchanged ones) and
     * starts firing. In a cluster, first records what this replica serves, before its scheduler
     * checks in and so makes it a live replica.
     */
    public void start() {
        Instant now = clock.instant();
        registry.ifPresent(replicas -> replicas.register(suites, declared.values(), now));
        apply(DeclaredSchedules.plan(declared, liveDeclarations(), store.all(), name -> !triggers.exists(name)), now);
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the scheduler: " + e.getMessage(), e);
        }
        if (registry.isPresent()) {
            keeper.start();
        }
    }

    private Map<String, Set<ScheduleDefinition>> liveDeclarations() {
        return registry.map(ReplicaRegistry::liveDeclarations)
                .orElseGet(() -> declared.values().stream()
                        .collect(Collectors.toMap(ScheduleDefinition::name, Set::of, (a, b) -> a, LinkedHashMap::new)));
    }

    private void apply(DeclaredSchedules.Plan plan, Instant now) {
        for (String name : plan.delete()) {
            LOG.log(Level.INFO, "schedule '%s' is declared by no live replica any more: deleted".formatted(name));
            unschedule(name);
            store.delete(name);
            observer.deleted(name);
        }
        for (ScheduleDefinition definition : plan.put()) {
            store.find(definition.name())
                    .filter(s -> !s.definition().declared())
                    .ifPresent(s -> LOG.log(
                            Level.WARNING,
                            "schedule '%s' made over the API is replaced by the @Schedule of suite '%s' with the same name"
                                    .formatted(s.name(), definition.suite())));
            StoredSchedule fresh = StoredSchedule.fresh(definition, now);
            store.put(fresh);
            schedule(fresh, now);
        }
    }

    /** In a cluster, as long as the scheduler runs: see {@link #KEEP_IN_STEP}. */
    private void keepDeclaredInStep() {
        while (true) {
            try {
                if (stopKeeping.await(KEEP_IN_STEP.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                ReplicaRegistry replicas = registry.orElseThrow();
                Instant now = clock.instant();
                if (!replicas.isRegistered()) {
                    // Taken for dead for long enough that its rows were deleted, yet alive.
                    replicas.register(suites, declared.values(), now);
                }
                DeclaredSchedules.Plan plan =
                        DeclaredSchedules.plan(declared, replicas.liveDeclarations(), store.all(), name -> false);
                if (!plan.isEmpty() && stopKeeping.getCount() > 0) {
                    apply(plan, now);
                }
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "could not bring the declared schedules in line with the live replicas: " + e.getMessage(),
                        e);
            }
        }
    }

    /** Whether schedules fire: started, not shut down, not on standby. */
    public boolean isRunning() {
        try {
            return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /**
     * Stops firing but stays a live member of the cluster (Quartz keeps checking in), so that the
     * runs this daemon still finishes are not taken for a dead replica's.
     */
    public void standby() {
        stopKeepingInStep();
        try {
            registry.ifPresent(ReplicaRegistry::withdraw);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "the other replicas take this one for serving its suites until Quartz finds it stopped: "
                            + e.getMessage());
        }
        try {
            scheduler.standby();
        } catch (SchedulerException e) {
            LOG.log(Level.WARNING, "the scheduler did not pause cleanly: " + e.getMessage(), e);
        }
    }

    /** Stops firing; a fire in progress finishes (it only queues a run). */
    @Override
    public void close() {
        stopKeepingInStep();
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.log(Level.WARNING, "the scheduler did not stop cleanly: " + e.getMessage(), e);
        }
    }

    /** Lets a pass under way end: the thread is not interrupted in the middle of its database work. */
    private void stopKeepingInStep() {
        stopKeeping.countDown();
        try {
            keeper.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** By name; three reads of the database whatever the number of schedules. */
    public List<ScheduleStatus> list() {
        return statuses.list(clock.instant());
    }

    public ScheduleStatus find(String name) {
        return statuses.of(stored(name), clock.instant());
    }

    /**
     * Creates or replaces a schedule made over the API; a replaced one starts over (counts, start
     * of {@code until}, not paused). Nothing is kept of a refused one.
     *
     * @return whether it was created (rather than replaced)
     * @throws InvalidParameterException naming the field at fault
     * @throws UnknownSuiteException when there is no such suite
     * @throws ScheduleConflictException when the name is a declared schedule's
     */
    public boolean put(ScheduleDefinition definition) {
        Instant now = clock.instant();
        ScheduleChecks.definition(definition, now);
        runs.checkTrigger(definition.suite(), definition.filter());
        ScheduleChecks.until(definition.until(), now)
                .filter(until -> !until.isAfter(now))
                .ifPresent(until -> {
                    throw new InvalidParameterException(
                            "until",
                            "until '%s' is already past"
                                    .formatted(definition.until().orElseThrow()));
                });
        Optional<StoredSchedule> previous = store.find(definition.name());
        if (previous.isPresent() && previous.get().definition().declared()) {
            throw declaredConflict(previous.get(), "replaced");
        }
        StoredSchedule fresh = StoredSchedule.fresh(definition, now);
        store.put(fresh);
        try {
            schedule(fresh, now);
        } catch (RuntimeException e) {
            previous.ifPresentOrElse(store::put, () -> store.delete(definition.name()));
            throw e;
        }
        return previous.isEmpty();
    }

    /**
     * @throws UnknownScheduleException when there is no such schedule
     * @throws ScheduleConflictException when it is declared in code
     */
    public void delete(String name) {
        StoredSchedule stored = stored(name);
        if (stored.definition().declared()) {
            throw declaredConflict(stored, "deleted");
        }
        unschedule(name);
        store.delete(name);
        observer.deleted(name);
    }

    public ScheduleStatus pause(String name) {
        StoredSchedule stored = active(name, "paused");
        triggers.pause(name);
        return statuses.of(stored, clock.instant());
    }

    /** A schedule that missed fires while paused fires once now, as after downtime. */
    public ScheduleStatus resume(String name) {
        StoredSchedule stored = active(name, "resumed");
        triggers.resume(name);
        return statuses.of(stored, clock.instant());
    }

    /** How late fires started after their scheduled time, since start (the benchmark's measure). */
    public FireLateness lateness() {
        return firing.lateness();
    }

    /** Fires Quartz handed to this daemon that had been handled already, since start: none, if Quartz keeps its word. */
    public long duplicateFires() {
        return firing.duplicates();
    }

    /**
     * The schedule's recent fires, the latest first: when each was due, how late it began, what it
     * did, on which replica.
     *
     * @throws UnknownScheduleException when there is no such schedule
     */
    public List<ScheduleFire> recentFires(String name) {
        stored(name);
        return store.recentFires(name);
    }

    private StoredSchedule stored(String name) {
        return store.find(name).orElseThrow(() -> new UnknownScheduleException(name));
    }

    private StoredSchedule active(String name, String what) {
        StoredSchedule stored = stored(name);
        if (statuses.of(stored, clock.instant()).state() == ScheduleStatus.State.COMPLETED) {
            throw new ScheduleConflictException(
                    "schedule '%s' is completed (maxRuns or until reached) and cannot be %s; put it again to start it over"
                            .formatted(name, what));
        }
        return stored;
    }

    private static ScheduleConflictException declaredConflict(StoredSchedule stored, String what) {
        return new ScheduleConflictException(
                ("schedule '%s' is declared by a @Schedule on suite '%s' and cannot be %s over the API;"
                                + " pause it, or change the annotation")
                        .formatted(stored.name(), stored.definition().suite(), what));
    }

    /** Hands the schedule's trigger to Quartz, replacing any trigger of that name. */
    private void schedule(StoredSchedule stored, Instant now) {
        ScheduleDefinition definition = stored.definition();
        Optional<Instant> until = ScheduleChecks.until(definition.until(), stored.startedAt());
        if (until.isPresent() && !until.get().isAfter(now)) {
            store.complete(definition.name());
            unschedule(definition.name());
            return;
        }
        triggers.put(definition, until, now);
    }

    private void unschedule(String name) {
        triggers.remove(name);
    }
}
