package dev.handoff.daemon.execution;

import dev.handoff.daemon.config.Cluster;
import dev.handoff.daemon.discovery.LiveSuites;
import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.StoreUnavailableException;
import dev.handoff.daemon.model.Suite;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.store.RunStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * Takes pending runs from the store and executes them on virtual threads: runs of different
 * suites in parallel up to the maximum, runs of one suite one after another (they usually share
 * the system under test's state) unless the suite allows more at once (its
 * {@code concurrentRuns}), oldest first. The store is the queue, so a restarted daemon
 * picks up where it stopped.
 *
 * <p>Several daemons on one database (a cluster) share that queue: a claim is one conditional
 * update, so each run goes to exactly one replica, whichever asks first with a free slot. At every
 * look at the store a replica of a cluster also puts back the runs of replicas that Quartz found
 * dead, stops a run of its own that another replica took over (this one looked dead to the others)
 * and cancels a run whose cancel another replica received.
 */
@API(status = API.Status.INTERNAL)
public final class RunDispatcher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RunDispatcher.class.getName());
    /** How often the store is looked at without being woken: runs created elsewhere, missed wakes. */
    private static final Duration POLL = Duration.ofSeconds(1);
    /**
     * How long stopped executions get to return after the grace: their attempts in flight are
     * written before the database closes. A test ignoring interrupts is abandoned after the
     * engine's own grace (5 s by default).
     */
    private static final Duration DETACH_WAIT = Duration.ofSeconds(6);

    /**
     * How long a replica of a cluster takes no other replica for dead after it could not reach the
     * database. An outage stops every replica's Quartz check-ins alike; when the database is back,
     * the first replica to check in would find the others' last check-ins old and take them for
     * dead, and their running runs would start over here while they still run them. Each replica
     * checks in again within Quartz's retry interval (2 s) plus its check-in interval (1 s); this
     * waits that out with Quartz's own margin (7.5 s) and some to spare. A replica that really died
     * during the outage has its runs resumed this much later.
     */
    static final Duration OUTAGE_QUIET = Duration.ofSeconds(15);

    /**
     * How long a replica stays not live before its running runs go back in the queue here: longer
     * than a live replica takes to check in again once the database is back (Quartz's retry
     * interval of 2 s plus its check-in interval of 1 s). On top of Quartz's own 8.5 s to take a
     * replica for dead: a crashed replica's runs resume here after about 14 s.
     */
    static final Duration ORPHAN_CONFIRMATION = Duration.ofSeconds(5);

    private final SuiteCatalog catalog;
    private final RunStore store;
    private final Clock clock;
    private final int maxConcurrentRuns;
    private final RunEvents events;
    private final Cluster cluster;
    private final LiveSuites liveSuites;
    private final Optional<ForkedRuns> forked;
    private final Semaphore wake = new Semaphore(0);
    private final Map<RunId, RunExecution> active = new HashMap<>();
    private final RunTracing tracing;
    /** How many runs of each suite execute here now. */
    private final Map<String, Integer> busySuites = new HashMap<>();

    private final Thread loop;
    private volatile boolean draining;
    /** When {@link #keepClusterInStep()} last ran: once a poll, not at every wake. */
    private Instant lastClusterStep = Instant.MIN;
    /** Until when no replica is taken for dead, after this one could not reach the database. */
    private Instant quietUntil = Instant.MIN;
    /** Owners of running runs seen not live, and since when: see {@link #requeueConfirmedOrphans()}. */
    private final AbsentReplicas absentReplicas = new AbsentReplicas(ORPHAN_CONFIRMATION);

    public RunDispatcher(
            SuiteCatalog catalog,
            RunStore store,
            Clock clock,
            int maxConcurrentRuns,
            Cluster cluster,
            LiveSuites liveSuites,
            RunEvents events,
            Optional<ForkedRuns> forked,
            RunTracing tracing) {
        this.tracing = tracing;
        this.liveSuites = liveSuites;
        this.forked = forked;
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
        this.maxConcurrentRuns = maxConcurrentRuns;
        this.events = events;
        this.cluster = cluster;
        this.loop = Thread.ofVirtual().name("handoff-dispatcher").unstarted(this::dispatchUntilDrained);
    }

    public void start() {
        loop.start();
    }

    /** Something changed: look for pending runs now. */
    public void wake() {
        wake.release();
    }

    public boolean isDraining() {
        return draining;
    }

    /**
     * Cancels a pending or running run: at once when it is pending or runs here, else by asking the
     * replica that runs it.
     *
     * @return false when the run is neither pending nor running
     */
    public synchronized boolean cancel(SuiteRun run) {
        RunExecution execution = active.get(run.id());
        if (execution != null) {
            execution.cancel();
            return true;
        }
        if (run.result() == RunResult.RUNNING) {
            return store.requestCancel(run.id());
        }
        boolean cancelled = run.result() == RunResult.PENDING
                && store.finish(
                        run.id(),
                        RunResult.CANCELLED,
                        clock.instant(),
                        Optional.of(Failure.reason(RunExecution.CANCELLED)));
        if (cancelled) {
            stoppedWithoutExecution(run.id());
        }
        return cancelled;
    }

    private void dispatchUntilDrained() {
        while (!isDraining()) {
            try {
                if (cluster.hasReplicas() && clock.instant().isAfter(lastClusterStep.plus(POLL))) {
                    lastClusterStep = clock.instant();
                    keepClusterInStep();
                }
                dispatch();
            } catch (StoreUnavailableException e) {
                quietUntil = clock.instant().plus(OUTAGE_QUIET);
                LOG.log(Level.WARNING, "could not dispatch pending runs: " + e.getMessage());
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "could not dispatch pending runs: " + e.getMessage(), e);
            }
            try {
                wake.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Resumes the runs of dead replicas here or elsewhere; applies what other replicas decided about this one's runs. */
    private void keepClusterInStep() {
        if (clock.instant().isAfter(quietUntil)) {
            requeueConfirmedOrphans();
        }
        List<RunId> running;
        synchronized (this) {
            running = List.copyOf(active.keySet());
        }
        for (RunStore.Claim claim : store.claims(running)) {
            RunExecution execution;
            synchronized (this) {
                execution = active.get(claim.id());
            }
            if (execution == null) {
                continue;
            }
            if (claim.takenOver()) {
                LOG.log(Level.WARNING, "run " + claim.id() + " was taken over by another replica; this one stops it");
                execution.detach();
            } else if (claim.cancelRequested()) {
                execution.cancel();
            }
        }
    }

    /**
     * Puts back in the queue the runs of replicas not live since {@link #ORPHAN_CONFIRMATION} at
     * least. {@link #OUTAGE_QUIET} covers an outage this replica saw fail its requests; but a
     * request can also wait out the whole outage for a connection and then go on, and find the
     * other replicas' check-ins old when the database is back. Seen absent once is therefore not
     * enough: a live replica checks in again within seconds and is let be.
     */
    private void requeueConfirmedOrphans() {
        List<String> confirmed = absentReplicas.confirmed(store.orphanOwners(), clock.instant());
        if (confirmed.isEmpty()) {
            return;
        }
        int orphans = store.requeueOrphansOf(confirmed);
        if (orphans > 0) {
            LOG.log(
                    Level.INFO,
                    orphans + " run(s) of a stopped replica back in the queue (" + String.join(", ", confirmed)
                            + " not live for " + ORPHAN_CONFIRMATION.toSeconds() + " s)");
        }
    }

    private synchronized void dispatch() {
        if (draining || active.size() >= maxConcurrentRuns) {
            return;
        }
        Map<String, Integer> concurrentRuns = new HashMap<>();
        for (Suite suite : catalog.suites()) {
            if (suite.concurrentRuns() > 1) {
                concurrentRuns.put(suite.name(), suite.concurrentRuns());
            }
        }
        List<SuiteRun> pending = store.pending(maxConcurrentRuns * 25, concurrentRuns);
        Set<String> servedLive = null;
        for (SuiteRun run : pending) {
            if (active.size() >= maxConcurrentRuns) {
                return;
            }
            if (busySuites.getOrDefault(run.id().suite(), 0)
                    >= concurrentRuns.getOrDefault(run.id().suite(), 1)) {
                continue;
            }
            Optional<Suite> suite = catalog.find(run.id().suite());
            if (suite.isEmpty()) {
                if (cluster.hasReplicas()) {
                    // Read once a pass, and only when some run's suite is missing here.
                    servedLive = servedLive == null ? liveSuites.read() : servedLive;
                    if (servedLive.contains(run.id().suite())) {
                        continue;
                    }
                }
                store.finish(
                        run.id(),
                        RunResult.FAILED,
                        clock.instant(),
                        Optional.of(Failure.reason(
                                cluster.hasReplicas()
                                        ? "suite '" + run.id().suite()
                                                + "' is not deployed on any live replica of the cluster"
                                        : "suite '" + run.id().suite() + "' is not deployed on this daemon any more")));
                stoppedWithoutExecution(run.id());
                continue;
            }
            if (store.claim(run.id(), clock.instant())) {
                launch(new RunExecution(run, suite.get(), store, clock, forked, tracing));
            }
        }
    }

    private void launch(RunExecution execution) {
        active.put(execution.id(), execution);
        busySuites.merge(execution.id().suite(), 1, Integer::sum);
        Thread.ofVirtual().name("handoff-run-" + execution.id()).start(() -> {
            try {
                events.started(execution.id());
                execution.execute(catalog.classLoader());
            } catch (StoreUnavailableException e) {
                // Only a stopping daemon gives up waiting for the database: the run resumes at the next start.
                LOG.log(Level.WARNING, "run " + execution.id() + " stays running until it resumes: " + e.getMessage());
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "run " + execution.id() + " could not be executed: " + e.getMessage(), e);
                giveUp(execution.id(), e);
            } finally {
                // Before the suite's next run may start: hooks see a suite's runs in order.
                events.stopped(execution.id());
                finished(execution);
            }
        });
    }

    /** Told on a thread of its own: the caller holds the dispatcher's lock, and hooks take their time. */
    private void stoppedWithoutExecution(RunId id) {
        Thread.ofVirtual().name("handoff-events-" + id).start(() -> events.stopped(id));
    }

    /** A run whose execution broke ends failed with the reason, rather than staying running. */
    private void giveUp(RunId id, Throwable problem) {
        try {
            store.finish(
                    id,
                    RunResult.FAILED,
                    clock.instant(),
                    Optional.of(Failure.reason("the daemon could not execute the run: " + problem)));
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "run " + id + " stays running until the next start: " + e.getMessage(), e);
        }
    }

    private synchronized void finished(RunExecution execution) {
        active.remove(execution.id());
        busySuites.computeIfPresent(execution.id().suite(), (suite, count) -> count == 1 ? null : count - 1);
        notifyAll();
        wake();
    }

    /**
     * Takes no more runs, gives the running ones up to {@code grace} to finish, then stops the rest
     * without ending them (they resume at the next start).
     */
    @Override
    public void close() {
        close(Duration.ZERO);
    }

    public synchronized void close(Duration grace) {
        draining = true;
        wake();
        awaitIdle(grace);
        active.values().forEach(RunExecution::detach);
        loop.interrupt();
        awaitIdle(DETACH_WAIT);
    }

    /** Waits (holding no lock while waiting) until no execution is left or the time is up. */
    private synchronized void awaitIdle(Duration patience) {
        Instant deadline = clock.instant().plus(patience);
        try {
            while (!active.isEmpty()) {
                long left = Duration.between(clock.instant(), deadline).toMillis();
                if (left <= 0) {
                    return;
                }
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
