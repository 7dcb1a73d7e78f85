package dev.handoff.daemon.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A stored gate: what it asked for, its runs, and its verdict once decided.
 *
 * @param runs one per suite of the request, in its order; a run's number is empty until it was
 *     triggered
 * @param deadline {@code createdAt} plus the request's timeout
 * @param decided the final verdict and when it was reached; empty while the runs go on
 */
@API(status = API.Status.EXPERIMENTAL)
public record Gate(
        long id,
        GateRequest request,
        Instant createdAt,
        Instant deadline,
        List<GateRun> runs,
        Optional<Decision> decided) {

    /** How a gate's runs say whose they are: {@code initiatedBy} is {@code gate:ID}. */
    public static final String INITIATED_BY_PREFIX = "gate:";

    public Gate {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(deadline, "deadline");
        runs = List.copyOf(runs);
        Objects.requireNonNull(decided, "decided");
    }

    /** The idempotency key of the gate's runs, so that finishing a half-made gate never runs a suite twice. */
    public static String runKey(long gateId) {
        return INITIATED_BY_PREFIX + gateId;
    }

    /** The gate a run belongs to, read from its {@code initiatedBy}; empty for a run no gate made. */
    public static Optional<Long> of(RunRequest run) {
        String by = run.initiatedBy();
        if (!by.startsWith(INITIATED_BY_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(by.substring(INITIATED_BY_PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A suite of the gate and, once triggered, its run. */
    @API(status = API.Status.EXPERIMENTAL)
    public record GateRun(String suite, Optional<RunId> run) {

        public GateRun {
            Objects.requireNonNull(suite, "suite");
            Objects.requireNonNull(run, "run");
        }
    }

    /** A final verdict and when the daemon first saw it. */
    @API(status = API.Status.EXPERIMENTAL)
    public record Decision(GateVerdict verdict, Instant at) {

        public Decision {
            if (!verdict.isFinal()) {
                throw new IllegalArgumentException("a decision is final, not " + verdict.label());
            }
            Objects.requireNonNull(at, "at");
        }
    }
}
