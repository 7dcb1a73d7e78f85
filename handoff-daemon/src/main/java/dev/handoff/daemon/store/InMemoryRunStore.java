package dev.handoff.daemon.store;

import dev.handoff.daemon.run.Attempt;
import dev.handoff.daemon.run.RunId;
import dev.handoff.daemon.run.RunOutcome;
import dev.handoff.daemon.run.SuiteRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Keeps runs in memory until the process ends: enough for the demo and for tests. Runs are
 * immutable snapshots replaced on every change, so readers never need the lock for long.
 */
public final class InMemoryRunStore implements RunStore {

    /** A suite's runs; run number n is at index n - 1. */
    private final Map<String, List<SuiteRun>> runsBySuite = new HashMap<>();

    @Override
    public synchronized SuiteRun create(String suite, Instant at) {
        List<SuiteRun> runs = runsBySuite.computeIfAbsent(suite, s -> new ArrayList<>());
        SuiteRun run = SuiteRun.pending(new RunId(suite, runs.size() + 1L), at);
        runs.add(run);
        return run;
    }

    @Override
    public void started(RunId id, Instant at) {
        update(id, run -> run.started(at));
    }

    @Override
    public void attemptFinished(RunId id, Attempt attempt) {
        update(id, run -> run.withAttempt(attempt));
    }

    @Override
    public void finished(RunId id, RunOutcome outcome) {
        update(id, run -> run.finished(outcome));
    }

    @Override
    public synchronized Optional<SuiteRun> find(RunId id) {
        List<SuiteRun> runs = runsBySuite.getOrDefault(id.suite(), List.of());
        return id.number() <= runs.size() ? Optional.of(runs.get((int) id.number() - 1)) : Optional.empty();
    }

    @Override
    public synchronized Optional<SuiteRun> lastRun(String suite) {
        List<SuiteRun> runs = runsBySuite.getOrDefault(suite, List.of());
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.getLast());
    }

    private synchronized void update(RunId id, UnaryOperator<SuiteRun> change) {
        SuiteRun run = find(id).orElseThrow(() -> new IllegalArgumentException("no run " + id));
        runsBySuite.get(id.suite()).set((int) id.number() - 1, change.apply(run));
    }
}
