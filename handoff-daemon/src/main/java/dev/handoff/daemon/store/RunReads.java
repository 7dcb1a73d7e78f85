package dev.handoff.daemon.store;

import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.RunDetail;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestOutcomes;
import dev.handoff.daemon.model.TestSummary;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * What the API, the pages, the hooks and the reports read of runs: one role of the {@link
 * RunStore}, so that they (and their test fakes) depend on the reads only, not on the queue and the
 * recording. Every method is one short read transaction.
 */
@API(status = API.Status.EXPERIMENTAL)
public interface RunReads {

    /** A page of a suite's runs, newest first. */
    @API(status = API.Status.EXPERIMENTAL)
    record RunQuery(int limit, OptionalLong before, Optional<RunResult> result, Optional<String> ref) {}

    Optional<SuiteRun> find(RunId id);

    /** The run with every test's latest attempt and the setup log. */
    Optional<RunDetail> detail(RunId id);

    /** Every attempt of one test of a run, first first, with logs, spans and values. Empty when none. */
    List<Attempt> attempts(RunId id, String test);

    /** Every test's latest attempt (without logs, spans and values) and attempt counts. */
    List<TestSummary> tests(RunId id);

    List<SuiteRun> runs(String suite, RunQuery query);

    /**
     * What {@link #latest} looks for: a suite's newest run with this ref, result and initiator,
     * each when given.
     */
    @API(status = API.Status.EXPERIMENTAL)
    record LatestQuery(Optional<String> ref, Optional<RunResult> result, Optional<String> initiatedBy) {}

    /** The suite's newest run that matches the query; empty when none does. */
    Optional<SuiteRun> latest(String suite, LatestQuery query);

    /** Each named suite's newest run; suites without runs are absent. */
    Map<String, SuiteRun> latestRuns(Collection<String> suites);

    /**
     * Each named suite's newest runs, at most {@code limit} each, newest first; suites without runs
     * are absent. Read from the (suite, number) index: the cost does not grow with the history.
     */
    Map<String, List<SuiteRun>> recentRuns(Collection<String> suites, int limit);

    /**
     * How one test ended in each of the suite's newest {@code runs} runs that have an attempt of
     * it, newest first: its latest attempt and its attempt count per run; and how many runs that
     * was out of (fewer than {@code runs} when the suite has fewer).
     */
    TestOutcomes testHistory(String suite, String test, int runs);
}
