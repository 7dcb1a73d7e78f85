package dev.handoff.daemon.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a gate is asked for: one run of each suite, all with the same filter, ref and parameters,
 * and a verdict over them within {@code timeout}.
 *
 * @param suites the suites to run, each once, in the order given; no suite twice
 * @param ref what is being deployed, such as a version or a commit SHA; each run keeps it
 * @param timeout how long the runs may take before the gate is {@code timed-out}
 * @param strict whether a flaky run fails the gate; otherwise flaky counts as passed
 * @param initiatedBy who or what asked: {@code api}, {@code cli}, {@code flagger}
 * @param idempotencyKey a client's key: the same key gives the same gate
 * @param caller the API token's name or the client certificate's subject, as for a run
 */
@API(status = API.Status.EXPERIMENTAL)
public record GateRequest(
        List<String> suites,
        Optional<String> ref,
        Optional<String> filter,
        Duration timeout,
        Map<String, String> parameters,
        boolean strict,
        String initiatedBy,
        Optional<String> idempotencyKey,
        Optional<String> caller) {

    /** The longest timeout a gate may have: a day of runs is no longer a deployment's gate. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    /** The most suites one gate may run. */
    public static final int MAX_SUITES = 100;

    public GateRequest {
        suites = List.copyOf(suites);
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(timeout, "timeout");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(initiatedBy, "initiatedBy");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(caller, "caller");
    }

    /** What each run of the gate is triggered with: its runs say which gate they belong to. */
    public RunRequest runRequest(long gateId) {
        return new RunRequest(
                filter, ref, Gate.INITIATED_BY_PREFIX + gateId, parameters, Optional.of(Gate.runKey(gateId)), caller);
    }
}
