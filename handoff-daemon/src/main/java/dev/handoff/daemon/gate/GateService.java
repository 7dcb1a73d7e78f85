package dev.handoff.daemon.gate;

import dev.handoff.daemon.model.Gate;
import dev.handoff.daemon.model.Gate.Decision;
import dev.handoff.daemon.model.Gate.GateRun;
import dev.handoff.daemon.model.GateRequest;
import dev.handoff.daemon.model.GateStatus;
import dev.handoff.daemon.model.GateVerdict;
import dev.handoff.daemon.model.InvalidParameterException;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.UnknownGateException;
import dev.handoff.daemon.model.UnknownSuiteException;
import dev.handoff.daemon.store.GateStore;
import dev.handoff.daemon.store.RunReads;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.daemon.trigger.RunService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Makes gates and tells their verdicts. A gate's verdict is worked out from its runs on every read,
 * so any replica of a cluster answers the same; the first read that finds it final stores it, and
 * from then on the stored verdict is the answer.
 */
@API(status = API.Status.INTERNAL)
public final class GateService {

    private static final Duration FIRST_POLL = Duration.ofMillis(100);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(1);

    private final GateStore gates;
    private final RunService runs;
    private final RunReads reads;
    private final Clock clock;

    public GateService(GateStore gates, RunService runs, RunReads reads, Clock clock) {
        this.gates = gates;
        this.runs = runs;
        this.reads = reads;
        this.clock = clock;
    }

    /** The outcome of {@link #create}: the gate as it stands, and whether this call created it. */
    @API(status = API.Status.INTERNAL)
    public record Created(GateStatus status, boolean created) {}

    /**
     * Makes the gate and triggers one run per suite; or, when a gate already has the request's
     * idempotency key, returns that one, first triggering any of its runs that an interrupted
     * earlier call did not (each run's own idempotency key keeps a suite from running twice).
     *
     * @throws InvalidParameterException when a suite is unknown (parameter {@code suites}), named
     *     twice, or the filter is unusable for one of them (parameter {@code filter})
     * @throws dev.handoff.daemon.model.PendingLimitException when a suite has too many pending runs
     * @throws dev.handoff.daemon.model.ShuttingDownException when the daemon is stopping
     */
    public Created create(GateRequest request) {
        check(request);
        GateStore.Created stored = gates.create(request, clock.instant());
        Gate gate = stored.gate();
        if (gate.decided().isEmpty()) {
            for (GateRun run : gate.runs()) {
                if (run.run().isEmpty()) {
                    RunStore.Created created =
                            runs.trigger(run.suite(), gate.request().runRequest(gate.id()));
                    gates.ranSuite(gate.id(), created.run().id());
                }
            }
        }
        return new Created(status(gate.id()), stored.created());
    }

    private void check(GateRequest request) {
        if (request.suites().isEmpty()) {
            throw new InvalidParameterException("suites", "a gate needs at least one suite, such as [\"checkout\"]");
        }
        if (request.suites().size() > GateRequest.MAX_SUITES) {
            throw new InvalidParameterException(
                    "suites",
                    "a gate takes at most %d suites, got %d"
                            .formatted(GateRequest.MAX_SUITES, request.suites().size()));
        }
        Set<String> seen = new HashSet<>();
        for (String suite : request.suites()) {
            if (!seen.add(suite)) {
                throw new InvalidParameterException("suites", "suite '%s' is named twice".formatted(suite));
            }
            try {
                runs.checkTrigger(suite, request.filter());
            } catch (UnknownSuiteException e) {
                throw new InvalidParameterException("suites", e.getMessage());
            }
        }
        if (request.timeout().isNegative()
                || request.timeout().isZero()
                || request.timeout().compareTo(GateRequest.MAX_TIMEOUT) > 0) {
            throw new InvalidParameterException("timeout", "timeout must be more than 0 and at most 24h");
        }
    }

    /** @throws UnknownGateException when there is no such gate */
    public GateStatus status(long id) {
        return status(gates.find(id).orElseThrow(() -> new UnknownGateException(id)));
    }

    /**
     * The gate once its verdict is final, or as it stands when {@code wait} elapsed: polled from
     * the store, so that a run that ends on another replica is seen too. The caller's (virtual)
     * thread sleeps in between.
     *
     * @throws UnknownGateException when there is no such gate
     */
    public GateStatus await(long id, Duration wait) {
        Instant until = clock.instant().plus(wait);
        Duration pause = FIRST_POLL;
        while (true) {
            GateStatus status = status(id);
            Duration left = Duration.between(clock.instant(), until);
            if (status.verdict().isFinal() || left.isNegative() || left.isZero()) {
                return status;
            }
            try {
                Thread.sleep(min(pause, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
            pause = min(pause.multipliedBy(2), LONGEST_POLL);
        }
    }

    /** Gates newest first, as they stand. */
    public List<GateStatus> list(int limit, OptionalLong before) {
        List<GateStatus> statuses = new ArrayList<>();
        for (Gate gate : gates.list(limit, before)) {
            statuses.add(status(gate));
        }
        return statuses;
    }

    private GateStatus status(Gate gate) {
        List<SuiteRun> found = new ArrayList<>();
        for (GateRun run : gate.runs()) {
            run.run().flatMap(reads::find).ifPresent(found::add);
        }
        if (gate.decided().isPresent()) {
            return new GateStatus(gate, found, gate.decided().get().verdict());
        }
        Instant now = clock.instant();
        GateVerdict verdict =
                GateVerdict.of(found, gate.runs().size(), gate.request().strict(), !now.isBefore(gate.deadline()));
        if (verdict.isFinal()) {
            Decision decision = new Decision(verdict, now);
            gates.decide(gate.id(), decision);
            // Another replica may have stored its verdict first: that one is the gate's.
            Gate decided = gates.find(gate.id()).orElse(gate);
            GateVerdict stored = decided.decided().map(Decision::verdict).orElse(verdict);
            return new GateStatus(decided, found, stored);
        }
        return new GateStatus(gate, found, verdict);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Removes decided gates created before the cutoff, a batch at a time. @return how many */
    public int deleteDecidedBefore(Instant cutoff, int limit) {
        return gates.deleteDecidedBefore(cutoff, limit);
    }
}
