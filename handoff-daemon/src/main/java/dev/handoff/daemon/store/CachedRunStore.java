package dev.handoff.daemon.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.RunDetail;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.RunningTest;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import dev.handoff.daemon.model.TestOutcomes;
import dev.handoff.daemon.model.TestSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * A {@link RunStore} that keeps the {@link #detail} of finished runs in memory, bounded by an
 * estimate of their size: a finished run changes only when it is retried, when a hook adds values
 * to it, or when retention deletes it, and each of those passes through here and drops it. The same
 * {@link RunDetail} instance is returned while it is valid, so that a reader may keep what it made
 * of it (the API keeps its JSON).
 *
 * <p>Replicas sharing one database change runs behind each other's backs: with {@code shared}, a
 * cached run is checked against its row ({@link #find}, one primary-key read, which sees a retry or
 * a deletion on another replica) before it is served, and kept at most {@link #SHARED_LIFETIME}, the
 * longest that values a hook adds on another replica stay unseen here.
 *
 * <p>Alone on its database, it also keeps pages of runs and suites' latest runs (what {@code GET
 * /suites} and a suite's runs show), until any run's row changes.
 */
@API(status = API.Status.INTERNAL)
public final class CachedRunStore implements RunStore {

    /** About 32 MB of finished runs (their tests' summaries, setup logs and values). */
    static final long MAX_WEIGHT = 32L * 1024 * 1024;

    static final Duration SHARED_LIFETIME = Duration.ofMinutes(1);

    private final RunStore store;
    private final boolean shared;
    private final Cache<RunId, RunDetail> finished;
    /**
     * Counts the writes that drop cached runs: a {@link #detail} read that a write overtook does
     * not put what it read into the cache (the write's drop may have come before the put).
     */
    private final AtomicLong writes = new AtomicLong();
    /**
     * Pages of runs and suites' latest runs, kept only when no other daemon writes the database;
     * dropped as a whole by any write that changes a run's row (create, claim, finish, retry,
     * requeue, retention), counted by {@link #listWrites} as {@link #writes} counts for details.
     */
    private final Cache<Object, Object> lists =
            Caffeine.newBuilder().executor(Runnable::run).maximumSize(MAX_LISTS).build();

    private final AtomicLong listWrites = new AtomicLong();

    /** Pages and latest-run maps kept: a UI or a dashboard asks for a few, again and again. */
    static final long MAX_LISTS = 1_000;

    private record PageKey(String suite, RunQuery query) {}

    private record LatestKey(List<String> suites) {}

    public CachedRunStore(RunStore store, boolean shared) {
        this.store = store;
        this.shared = shared;
        Caffeine<Object, Object> builder =
                Caffeine.newBuilder().executor(Runnable::run).maximumWeight(MAX_WEIGHT);
        if (shared) {
            builder.expireAfterWrite(SHARED_LIFETIME);
        }
        this.finished = builder.<RunId, RunDetail>weigher((id, detail) -> weight(detail))
                .build();
    }

    /**
     * The store this one keeps copies of, read without the cache: what a read costs the database
     * (the history benchmark times it beside the cached answers).
     */
    public RunStore uncached() {
        return store;
    }

    /** A rough size in bytes: what the run's page and JSON are made of. */
    static int weight(RunDetail detail) {
        long weight = 512L + 2L * detail.setupLog().length();
        for (TestSummary test : detail.tests()) {
            Attempt latest = test.latest();
            weight += 256
                    + 2L * (latest.test().length() + latest.log().length())
                    + latest.failure()
                            .map(failure -> 2L
                                    * (failure.message().length()
                                            + failure.stackTrace().length()))
                            .orElse(0L);
        }
        for (Map.Entry<String, String> value : detail.values().entrySet()) {
            weight += 64 + 2L * (value.getKey().length() + value.getValue().length());
        }
        return (int) Math.min(weight, Integer.MAX_VALUE);
    }

    @Override
    public Optional<RunDetail> detail(RunId id) {
        RunDetail cached = finished.getIfPresent(id);
        if (cached != null) {
            if (!shared) {
                return Optional.of(cached);
            }
            Optional<SuiteRun> row = store.find(id);
            if (row.isPresent() && row.get().equals(cached.run())) {
                return Optional.of(cached);
            }
            finished.invalidate(id);
        }
        long before = writes.get();
        Optional<RunDetail> read = store.detail(id);
        if (read.isPresent() && read.get().run().result().isFinished() && writes.get() == before) {
            finished.put(id, read.get());
        }
        return read;
    }

    private void changed(RunId id) {
        writes.incrementAndGet();
        finished.invalidate(id);
        listsChanged();
    }

    private void listsChanged() {
        listWrites.incrementAndGet();
        lists.invalidateAll();
    }

    @SuppressWarnings("unchecked")
    private <T> T list(Object key, java.util.function.Supplier<T> read) {
        if (shared) {
            return read.get();
        }
        Object cached = lists.getIfPresent(key);
        if (cached != null) {
            return (T) cached;
        }
        long before = listWrites.get();
        T value = read.get();
        if (listWrites.get() == before) {
            lists.put(key, value);
        }
        return value;
    }

    @Override
    public boolean retry(RunId id, Instant now) {
        try {
            return store.retry(id, now);
        } finally {
            changed(id);
        }
    }

    @Override
    public boolean addValues(RunId id, Optional<String> test, Map<String, String> values) {
        try {
            return store.addValues(id, test, values);
        } finally {
            changed(id);
        }
    }

    @Override
    public boolean finish(RunId id, RunResult result, Instant now, Optional<Failure> failure) {
        try {
            return store.finish(id, result, now, failure);
        } finally {
            changed(id);
        }
    }

    @Override
    public boolean finish(RunId id, RunResult result, Instant now, Optional<Failure> failure, TestCounts counts) {
        try {
            return store.finish(id, result, now, failure, counts);
        } finally {
            changed(id);
        }
    }

    @Override
    public boolean requestCancel(RunId id) {
        try {
            return store.requestCancel(id);
        } finally {
            changed(id);
        }
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff, int batch) {
        int deleted = 0;
        try {
            deleted = store.deleteFinishedBefore(cutoff, batch);
            return deleted;
        } finally {
            // A sweep that found nothing to delete (the usual hourly one) keeps what is kept.
            if (deleted != 0) {
                writes.incrementAndGet();
                finished.invalidateAll();
                listsChanged();
            }
        }
    }

    // ---- the rest: runs not finished are never kept, and their changes drop the lists

    @Override
    public Optional<SuiteRun> find(RunId id) {
        return store.find(id);
    }

    @Override
    public List<Attempt> attempts(RunId id, String test) {
        return store.attempts(id, test);
    }

    @Override
    public List<TestSummary> tests(RunId id) {
        return store.tests(id);
    }

    @Override
    public List<SuiteRun> runs(String suite, RunQuery query) {
        return list(new PageKey(suite, query), () -> List.copyOf(store.runs(suite, query)));
    }

    @Override
    public Map<String, SuiteRun> latestRuns(Collection<String> suites) {
        return list(
                new LatestKey(List.copyOf(suites)),
                () -> java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(store.latestRuns(suites))));
    }

    @Override
    public Map<String, List<SuiteRun>> recentRuns(Collection<String> suites, int limit) {
        return store.recentRuns(suites, limit);
    }

    @Override
    public TestOutcomes testHistory(String suite, String test, int runs) {
        return store.testHistory(suite, test, runs);
    }

    @Override
    public Created create(String suite, RunRequest request, String environment, Instant now, int maxPending) {
        try {
            return store.create(suite, request, environment, now, maxPending);
        } finally {
            listsChanged();
        }
    }

    @Override
    public Progress progress(RunId id) {
        return store.progress(id);
    }

    @Override
    public List<SuiteRun> pending(int limit, Map<String, Integer> concurrentRuns) {
        return store.pending(limit, concurrentRuns);
    }

    @Override
    public boolean claim(RunId id, Instant now) {
        try {
            return store.claim(id, now);
        } finally {
            listsChanged();
        }
    }

    @Override
    public void recordAttempts(RunId id, List<Attempt> attempts) {
        try {
            store.recordAttempts(id, attempts);
        } finally {
            // A running run's row counts its tests as their attempts are stored.
            listsChanged();
        }
    }

    @Override
    public void recordProgress(RunId id, List<Attempt> attempts, List<RunningTest> running) {
        try {
            store.recordProgress(id, attempts, running);
        } finally {
            listsChanged();
        }
    }

    @Override
    public void changedElsewhere() {
        listsChanged();
    }

    @Override
    public Map<String, Map<String, String>> latestValues(RunId id) {
        return store.latestValues(id);
    }

    @Override
    public Map<String, String> quarantinedTests(String suite, Instant now) {
        return store.quarantinedTests(suite, now);
    }

    @Override
    public Optional<SuiteRun> latest(String suite, LatestQuery query) {
        return store.latest(suite, query);
    }

    @Override
    public void appendSetupLog(RunId id, String log) {
        store.appendSetupLog(id, log);
    }

    @Override
    public int requeue() {
        try {
            return store.requeue();
        } finally {
            listsChanged();
        }
    }

    @Override
    public int requeueOrphans() {
        try {
            return store.requeueOrphans();
        } finally {
            listsChanged();
        }
    }

    @Override
    public Set<String> orphanOwners() {
        return store.orphanOwners();
    }

    @Override
    public int requeueOrphansOf(Collection<String> owners) {
        try {
            return store.requeueOrphansOf(owners);
        } finally {
            listsChanged();
        }
    }

    @Override
    public int release() {
        try {
            return store.release();
        } finally {
            listsChanged();
        }
    }

    @Override
    public List<Claim> claims(Collection<RunId> ids) {
        return store.claims(ids);
    }
}
