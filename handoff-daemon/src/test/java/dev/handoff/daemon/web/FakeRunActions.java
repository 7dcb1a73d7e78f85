package dev.handoff.daemon.web;

import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.model.RunConflictException;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import dev.handoff.daemon.model.UnknownRunException;
import dev.handoff.daemon.model.UnknownSuiteException;
import dev.handoff.daemon.store.RunStore.Created;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Triggers, retries and cancels runs in a {@link FakeRunStore} as the runner's {@code RunService}
 * promises to: unknown suites and runs, idempotency keys, conflicts by state. A test can make
 * {@link #trigger} throw what the real one would (a bad filter, shutting down).
 */
final class FakeRunActions implements RunActions {

    private final SuiteCatalog catalog;
    private final FakeRunStore store;
    private final Clock clock;
    private final AtomicLong numbers = new AtomicLong();
    private final Map<String, SuiteRun> byKey = new ConcurrentHashMap<>();
    volatile RunRequest lastRequest;
    volatile RuntimeException triggerFailure;

    FakeRunActions(SuiteCatalog catalog, FakeRunStore store, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Created trigger(String suite, RunRequest request) {
        if (catalog.find(suite).isEmpty()) {
            throw new UnknownSuiteException(suite, java.util.List.of());
        }
        if (triggerFailure != null) {
            throw triggerFailure;
        }
        lastRequest = request;
        Optional<SuiteRun> earlier = request.idempotencyKey().map(key -> byKey.get(suite + "\n" + key));
        if (earlier.isPresent()) {
            return new Created(earlier.get(), false);
        }
        SuiteRun run = new SuiteRun(
                new RunId(suite, numbers.incrementAndGet()),
                RunResult.PENDING,
                request,
                "test-env",
                0,
                clock.instant(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                TestCounts.NONE);
        store.add(run);
        request.idempotencyKey().ifPresent(key -> byKey.put(suite + "\n" + key, run));
        return new Created(run, true);
    }

    @Override
    public SuiteRun retry(RunId id) {
        SuiteRun run = store.find(id).orElseThrow(() -> new UnknownRunException(id));
        if (run.result() != RunResult.FAILED) {
            throw new RunConflictException("run %d of suite '%s' is %s: only a failed run can be retried"
                    .formatted(id.number(), id.suite(), run.result().label()));
        }
        SuiteRun pending = new SuiteRun(
                id,
                RunResult.PENDING,
                run.request(),
                run.environment(),
                run.execution() + 1,
                run.createdAt(),
                run.startedAt(),
                Optional.empty(),
                Optional.empty(),
                TestCounts.NONE);
        store.add(pending);
        return pending;
    }

    @Override
    public SuiteRun cancel(RunId id) {
        SuiteRun run = store.find(id).orElseThrow(() -> new UnknownRunException(id));
        if (run.result().isFinished()) {
            throw new RunConflictException("run %d of suite '%s' already %s"
                    .formatted(id.number(), id.suite(), run.result().label()));
        }
        SuiteRun cancelled = new SuiteRun(
                id,
                RunResult.CANCELLED,
                run.request(),
                run.environment(),
                run.execution(),
                run.createdAt(),
                run.startedAt(),
                Optional.of(clock.instant()),
                Optional.of(dev.handoff.daemon.model.Failure.reason("cancelled by a user")),
                run.counts());
        store.add(cancelled);
        return cancelled;
    }
}
