package dev.handoff.daemon.hook;

import dev.handoff.api.FinishedRun;
import dev.handoff.api.FinishedTest;
import dev.handoff.api.StartedRun;
import dev.handoff.daemon.model.Attempt;
import dev.handoff.daemon.model.Failure;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestCounts;
import dev.handoff.daemon.model.TestSummary;
import dev.handoff.daemon.model.TraceLinks;
import dev.handoff.daemon.web.Paths;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read-only models hooks get, made from what the store holds. */
final class HookModels {

    private HookModels() {}

    static StartedRun started(SuiteRun run, String namespace, URI publicUrl) {
        return new StartedRun(
                run.id().suite(),
                namespace,
                run.id().number(),
                run.request().ref(),
                run.request().initiatedBy(),
                run.request().caller(),
                run.environment(),
                run.startedAt().orElse(run.createdAt()),
                url(publicUrl, Paths.run(run.id())));
    }

    static FinishedRun finished(
            SuiteRun run,
            String namespace,
            List<TestSummary> tests,
            Map<String, Map<String, String>> values,
            Optional<String> previousResult,
            URI publicUrl,
            TraceLinks traceLinks) {
        TestCounts counts = run.counts();
        return new FinishedRun(
                run.id().suite(),
                namespace,
                run.id().number(),
                run.result().label(),
                previousResult,
                run.request().ref(),
                run.request().initiatedBy(),
                run.request().caller(),
                run.environment(),
                run.request().parameters(),
                run.startedAt(),
                run.finishedAt().orElseThrow(),
                run.failure().map(Failure::message),
                new FinishedRun.Counts(
                        counts.passed(), counts.failed(), counts.softFailed(), counts.skipped(), counts.flaky()),
                tests.stream()
                        .map(test -> test(
                                run,
                                namespace,
                                test,
                                values.getOrDefault(test.test(), Map.of()),
                                publicUrl,
                                traceLinks))
                        .toList(),
                url(publicUrl, Paths.run(run.id())));
    }

    /** @param values its latest attempt's values, which {@link TestSummary} does not carry */
    private static FinishedTest test(
            SuiteRun run,
            String namespace,
            TestSummary test,
            Map<String, String> values,
            URI publicUrl,
            TraceLinks traceLinks) {
        Attempt latest = test.latest();
        return new FinishedTest(
                run.id().suite(),
                namespace,
                run.id().number(),
                test.test(),
                latest.result().label(),
                test.attempts(),
                test.flaky(),
                latest.startedAt(),
                latest.finishedAt(),
                latest.failure().map(Failure::message),
                values,
                url(publicUrl, Paths.test(run.id(), test.test())),
                latest.traceId(),
                traceLinks.trace(run.id().suite(), latest));
    }

    /** {@code path} is absolute ({@code /suites/...}); the public URL may have a path of its own. */
    static URI url(URI publicUrl, String path) {
        return publicUrl.resolve(path.substring(1));
    }
}
