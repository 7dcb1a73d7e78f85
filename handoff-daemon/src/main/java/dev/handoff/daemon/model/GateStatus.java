package dev.handoff.daemon.model;

import dev.handoff.api.internal.Durations;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A gate as it stands now: the stored gate, its runs as they are, and its verdict.
 *
 * @param runs the gate's runs that exist, in the order of its suites
 */
@API(status = API.Status.EXPERIMENTAL)
public record GateStatus(Gate gate, List<SuiteRun> runs, GateVerdict verdict) {

    public GateStatus {
        Objects.requireNonNull(gate, "gate");
        runs = List.copyOf(runs);
        Objects.requireNonNull(verdict, "verdict");
    }

    /** One line on why the gate stands where it stands, for Flagger, the CLI and the pages. */
    public String reason() {
        List<String> failed = runs.stream()
                .filter(run -> run.result() == RunResult.FAILED
                        || run.result() == RunResult.CANCELLED
                        || gate.request().strict() && run.result() == RunResult.FLAKY)
                .map(run -> run.id().suite() + " run " + run.id().number() + " "
                        + run.result().label())
                .toList();
        long ended = runs.stream().filter(run -> run.result().isFinished()).count();
        String progress = ended + " of " + gate.runs().size() + " runs ended";
        return switch (verdict) {
            case PASSED -> "gate " + gate.id() + " passed: " + progress;
            case FAILED -> "gate " + gate.id() + " failed: " + String.join(", ", failed);
            case TIMED_OUT ->
                "gate " + gate.id() + " timed out after "
                        + Durations.format(gate.request().timeout()) + ": " + progress;
            case PENDING, RUNNING -> "gate " + gate.id() + " is " + verdict.label() + ": " + progress;
        };
    }
}
