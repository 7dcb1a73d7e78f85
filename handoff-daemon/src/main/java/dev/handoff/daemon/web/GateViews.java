package dev.handoff.daemon.web;

import dev.handoff.api.internal.Durations;
import dev.handoff.daemon.model.GateStatus;
import dev.handoff.daemon.model.RunResult;
import dev.handoff.daemon.model.SuiteRun;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The gate resources of the API, written as JSON as {@link Views}' are. */
final class GateViews {

    private GateViews() {}

    /** {@code GET /gates}. */
    record GatesPage(List<GateView> gates, String next) {}

    /**
     * {@code GET /gates/{gate}}: {@code verdict} is {@code pending}, {@code running}, {@code passed},
     * {@code failed} or {@code timed-out}; {@code reason} says why in one line.
     */
    record GateView(
            long id,
            String verdict,
            String reason,
            String ref,
            List<String> suites,
            String filter,
            String timeout,
            boolean strict,
            SortedMap<String, String> parameters,
            String initiatedBy,
            String caller,
            Instant createdAt,
            Instant deadline,
            Instant decidedAt,
            Summary summary,
            List<Views.RunSummary> runs,
            String url) {

        static GateView of(GateStatus status, Instant now) {
            var gate = status.gate();
            var request = gate.request();
            return new GateView(
                    gate.id(),
                    status.verdict().label(),
                    status.reason(),
                    request.ref().orElse(null),
                    request.suites(),
                    request.filter().orElse(null),
                    Durations.format(request.timeout()),
                    request.strict(),
                    new TreeMap<>(request.parameters()),
                    request.initiatedBy(),
                    request.caller().orElse(null),
                    gate.createdAt(),
                    gate.deadline(),
                    gate.decided().map(decision -> decision.at()).orElse(null),
                    Summary.of(status),
                    status.runs().stream()
                            .map(run -> Views.RunSummary.of(run, now))
                            .toList(),
                    Paths.gate(gate.id()));
        }
    }

    /**
     * How the gate's runs stand: {@code runs} is one per suite; {@code pending} counts those not
     * yet started, or not yet triggered.
     */
    record Summary(int runs, int pending, int running, int passed, int flaky, int failed, int cancelled) {

        static Summary of(GateStatus status) {
            List<SuiteRun> runs = status.runs();
            int all = status.gate().runs().size();
            int running = count(runs, RunResult.RUNNING);
            return new Summary(
                    all,
                    all - runs.size() + count(runs, RunResult.PENDING),
                    running,
                    count(runs, RunResult.PASSED),
                    count(runs, RunResult.FLAKY),
                    count(runs, RunResult.FAILED),
                    count(runs, RunResult.CANCELLED));
        }

        private static int count(List<SuiteRun> runs, RunResult result) {
            return (int) runs.stream().filter(run -> run.result() == result).count();
        }
    }
}
