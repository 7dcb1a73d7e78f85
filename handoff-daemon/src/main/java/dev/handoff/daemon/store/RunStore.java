package dev.handoff.daemon.store;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.PendingLimitException;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.RunningTest;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Where runs and their attempts are kept: the run queue and the recording of attempts, besides the
 * reads of {@link RunReads}. Every method is one short transaction; implementations are safe for
 * concurrent use, also by several daemons sharing one database.
 *
 * <p>A run's life: {@link #create} (pending), {@link #claim} (running), {@link #recordAttempts} as
 * tests finish, {@link #finish}. {@link #retry} makes a finished run pending again for a new
 * execution; {@link #requeue} puts the runs a stopped daemon left running back to pending, so that
 * they resume.
 */
@API(status = API.Status.EXPERIMENTAL)
public interface RunStore extends RunReads {

    /** How long an idempotency key keeps giving the same run. */
    Duration IDEMPOTENCY_WINDOW = Duration.ofHours(72);

    /**
     * The context values of each test's latest attempt, by test: what hooks get as {@code
     * FinishedTest.values()}. {@link #tests} leaves values out, as pages listing a run's tests do
     * not show them. Tests whose latest attempt set no value are absent.
     */
    Map<String, Map<String, String>> latestValues(RunId id);

    /** The outcome of {@link #create}: the run, and whether this call created it. */
    @API(status = API.Status.EXPERIMENTAL)
    record Created(SuiteRun run, boolean created) {}

    /**
     * Creates the suite's next run (numbered 1, 2, 3 ... per suite, without gaps) in state pending;
     * or, when the request carries an idempotency key that a run of the same suite got less than
     * {@link #IDEMPOTENCY_WINDOW} ago, returns that run. Concurrent calls with one key create one run.
     */
    default Created create(String suite, RunRequest request, String environment, Instant now) {
        return create(suite, request, environment, now, Integer.MAX_VALUE);
    }

    /**
     * As {@link #create(String, RunRequest, String, Instant)}, refusing a new run while the suite
     * has {@code maxPending} pending runs; a request whose idempotency key has a run gets it even then.
     *
     * @throws PendingLimitException when the suite has {@code maxPending} pending runs already
     */
    Created create(String suite, RunRequest request, String environment, Instant now, int maxPending);

    /**
     * The tests that have a final attempt (any result but retrying) in the run's current execution
     * (see {@link SuiteRun#execution()}), and how many attempts every test of the run has so far.
     */
    Progress progress(RunId id);

    /**
     * @param settled tests with a final attempt in the current execution
     * @param attemptCounts the highest attempt number per test over all executions of the run
     */
    @API(status = API.Status.EXPERIMENTAL)
    record Progress(java.util.Set<String> settled, Map<String, Integer> attemptCounts) {}

    /**
     * The oldest pending run of each suite that has no running run, oldest first, at most
     * {@code limit}: runs of one suite go one after another, also over several daemons, and a long
     * queue of one suite must not hide another suite's run.
     */
    default List<SuiteRun> pending(int limit) {
        return pending(limit, Map.of());
    }

    /**
     * As {@link #pending(int)}, for suites that let several of their runs execute at once: the
     * oldest pending runs of each suite, as many as it has free places (its {@code concurrentRuns}
     * less its running runs, on any daemon of a cluster), oldest first, at most {@code limit}.
     *
     * @param concurrentRuns how many runs of a suite may execute at once, for the suites that allow
     *     more than one; every other suite's runs go one after another
     */
    List<SuiteRun> pending(int limit, Map<String, Integer> concurrentRuns);

    /** Pending to running, owned by this daemon, unless someone else got there first (then false). */
    boolean claim(RunId id, Instant now);

    /**
     * Stores finished attempts of a running run, under the run's current execution. An attempt
     * already stored (same test and number) is left as it is, so recording twice cannot happen.
     */
    void recordAttempts(RunId id, List<Attempt> attempts);

    /**
     * {@link #recordAttempts} and, in the same transaction, which tests the run is executing now
     * (replacing what was there), for its page.
     */
    void recordProgress(RunId id, List<Attempt> attempts, List<RunningTest> running);

    /** Adds to the run's setup log. */
    void appendSetupLog(RunId id, String log);

    /**
     * Ends a running or pending run: result, end time, suite failure, and the test counts from its
     * tests' latest attempts.
     *
     * @return false when the run was already finished (it is left as it was)
     */
    boolean finish(RunId id, RunResult result, Instant now, Optional<Failure> failure);

    /**
     * As {@link #finish(RunId, RunResult, Instant, Optional)}, with the test counts the caller
     * already has from {@link #tests}: a run of 10,000 tests is not read twice to end it.
     */
    boolean finish(RunId id, RunResult result, Instant now, Optional<Failure> failure, TestCounts counts);

    /**
     * The suite's tests quarantined now, each with its reason: their failures are recorded as soft
     * failures. Read when an execution of a run starts.
     */
    Map<String, String> quarantinedTests(String suite, Instant now);

    /**
     * Runs were written past this store, in a transaction of another store's (a schedule's fire
     * creates its run so): whatever reads are kept must be read again.
     */
    default void changedElsewhere() {}

    /**
     * A finished run becomes pending again for its next execution (retry of its failed tests):
     * its execution number goes up, its end, failure and counts are cleared.
     *
     * @return false when it was not finished
     */
    boolean retry(RunId id, Instant now);

    /**
     * Adds context values that a hook gave to a finished run ({@code test} empty) or to one of its
     * tests (then to the test's latest attempt), replacing values of the same keys.
     *
     * @return false when there is no such run, or the test has no attempt in it
     */
    boolean addValues(RunId id, Optional<String> test, Map<String, String> values);

    /** Every running run back to pending (they keep their start time). @return how many */
    int requeue();

    /**
     * Several daemons on one database: the running runs whose owner (the daemon that claimed them)
     * is no live replica any more back to pending, so that another replica resumes them. A replica
     * is live while Quartz's cluster check-in keeps its row (see {@link Replicas}).
     *
     * @return how many
     */
    int requeueOrphans();

    /**
     * The owners of running runs that are no live replica now: whose runs {@link #requeueOrphans}
     * would put back in the queue. A replica's dispatcher puts them back only once an owner stayed
     * absent for a while ({@link #requeueOrphansOf}), as a replica the others took for dead after
     * an outage of the database comes back within seconds.
     */
    Set<String> orphanOwners();

    /** As {@link #requeueOrphans}, for the runs of these owners only, and only those still not live. @return how many */
    int requeueOrphansOf(Collection<String> owners);

    /** This daemon's running runs back to pending, when it stops: another replica takes them at once. @return how many */
    int release();

    /**
     * Asks the daemon executing a running run to cancel it (a cancel received by another replica).
     *
     * @return false when the run is not running
     */
    boolean requestCancel(RunId id);

    /**
     * What the store says of a run this daemon executes.
     *
     * @param takenOver whether the run is no longer this daemon's to execute: back in the queue or
     *     running on another replica, since this one looked dead to the others (a finished run is
     *     not taken over: its execution here just ended it)
     */
    @API(status = API.Status.EXPERIMENTAL)
    record Claim(RunId id, boolean takenOver, boolean cancelRequested) {}

    /** Of these runs, whether each was taken over and whether a cancel was asked for it. Runs not found are absent. */
    List<Claim> claims(Collection<RunId> ids);

    /**
     * Deletes up to {@code batch} finished runs created before {@code cutoff}, with their attempts.
     *
     * @return how many runs it deleted; 0 when none is left
     */
    int deleteFinishedBefore(Instant cutoff, int batch);
}
