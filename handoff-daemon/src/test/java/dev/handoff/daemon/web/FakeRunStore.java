package dev.handoff.daemon.web;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.RunDetail;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reads of runs ({@code RunReads}, the store's role the web layer uses) over maps the test
 * fills. Remembers the last query, so tests can check what the API asked for.
 */
final class FakeRunStore implements dev.handoff.daemon.store.RunReads {

    private final Map<RunId, SuiteRun> runs = new ConcurrentHashMap<>();
    private final Map<RunId, List<Attempt>> attempts = new ConcurrentHashMap<>();
    private final Map<RunId, String> setupLogs = new ConcurrentHashMap<>();
    volatile RunQuery lastQuery;
    volatile RuntimeException failure;

    void add(SuiteRun run) {
        runs.put(run.id(), run);
    }

    void add(RunId id, Attempt attempt) {
        attempts.computeIfAbsent(id, key -> new ArrayList<>()).add(attempt);
    }

    void setupLog(RunId id, String log) {
        setupLogs.put(id, log);
    }

    /** Every read throws this from now on, as a broken database would. */
    void failWith(RuntimeException e) {
        failure = e;
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public Optional<SuiteRun> find(RunId id) {
        check();
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public Optional<RunDetail> detail(RunId id) {
        check();
        return find(id).map(run -> new RunDetail(run, tests(id), setupLogs.getOrDefault(id, "")));
    }

    @Override
    public List<Attempt> attempts(RunId id, String test) {
        check();
        return attempts.getOrDefault(id, List.of()).stream()
                .filter(a -> a.test().equals(test))
                .toList();
    }

    @Override
    public List<TestSummary> tests(RunId id) {
        check();
        Map<String, List<Attempt>> byTest = new java.util.LinkedHashMap<>();
        for (Attempt attempt : attempts.getOrDefault(id, List.of())) {
            byTest.computeIfAbsent(attempt.test(), key -> new ArrayList<>()).add(attempt);
        }
        return byTest.values().stream()
                .map(all ->
                        new TestSummary(all.getLast(), all.size(), all.getLast().flaky()))
                .toList();
    }

    @Override
    public List<SuiteRun> runs(String suite, RunQuery query) {
        check();
        lastQuery = query;
        return runs.values().stream()
                .filter(run -> run.id().suite().equals(suite))
                .filter(run -> query.before().isEmpty()
                        || run.id().number() < query.before().getAsLong())
                .filter(run -> query.result().isEmpty()
                        || run.result() == query.result().get())
                .filter(run -> query.ref().isEmpty() || run.request().ref().equals(query.ref()))
                .sorted(Comparator.comparingLong((SuiteRun run) -> run.id().number())
                        .reversed())
                .limit(query.limit())
                .toList();
    }

    @Override
    public Optional<SuiteRun> latest(String suite, LatestQuery query) {
        check();
        return runs.values().stream()
                .filter(run -> run.id().suite().equals(suite))
                .filter(run -> query.ref().isEmpty() || run.request().ref().equals(query.ref()))
                .filter(run -> query.result().isEmpty()
                        || run.result() == query.result().get())
                .filter(run -> query.initiatedBy().isEmpty()
                        || run.request()
                                .initiatedBy()
                                .equals(query.initiatedBy().get()))
                .max(Comparator.comparingLong((SuiteRun run) -> run.id().number()));
    }

    @Override
    public Map<String, SuiteRun> latestRuns(Collection<String> suites) {
        check();
        Map<String, SuiteRun> latest = new HashMap<>();
        for (SuiteRun run : runs.values()) {
            if (suites.contains(run.id().suite())) {
                latest.merge(run.id().suite(), run, (a, b) -> a.id().number() > b.id().number() ? a : b);
            }
        }
        return latest;
    }

    @Override
    public Map<String, List<SuiteRun>> recentRuns(Collection<String> suites, int limit) {
        check();
        Map<String, List<SuiteRun>> recent = new HashMap<>();
        for (String suite : suites) {
            List<SuiteRun> newest = runs.values().stream()
                    .filter(run -> run.id().suite().equals(suite))
                    .sorted(Comparator.comparingLong((SuiteRun run) -> run.id().number())
                            .reversed())
                    .limit(limit)
                    .toList();
            if (!newest.isEmpty()) {
                recent.put(suite, newest);
            }
        }
        return recent;
    }

    @Override
    public dev.handoff.daemon.model.TestOutcomes testHistory(String suite, String test, int runs) {
        check();
        return dev.handoff.daemon.model.TestOutcomes.NONE;
    }
}
