package dev.handoff.daemon.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a trigger asks for: the parameters a run keeps for its whole life.
 *
 * @param filter a regular expression over test names ({@code find}, as {@code handoff.filter});
 *     empty runs every test
 * @param ref what was tested, such as a commit SHA or a version
 * @param initiatedBy who or what triggered it: a user, {@code cli}, {@code schedule:NAME}
 * @param parameters passed to tests as {@code handoff.param.NAME} ({@code HandoffContext.parameter})
 * @param idempotencyKey a client's key: the same key for the same suite gives the same run
 * @param caller the API token's name or the client certificate's subject that authenticated the
 *     trigger; empty when the daemon is open or a schedule triggered the run. Unlike {@code
 *     initiatedBy}, a request cannot state it.
 */
@API(status = API.Status.EXPERIMENTAL)
public record RunRequest(
        Optional<String> filter,
        Optional<String> ref,
        String initiatedBy,
        Map<String, String> parameters,
        Optional<String> idempotencyKey,
        Optional<String> caller) {

    public RunRequest {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(initiatedBy, "initiatedBy");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(caller, "caller");
    }

    /** A request no one authenticated. */
    public RunRequest(
            Optional<String> filter,
            Optional<String> ref,
            String initiatedBy,
            Map<String, String> parameters,
            Optional<String> idempotencyKey) {
        this(filter, ref, initiatedBy, parameters, idempotencyKey, Optional.empty());
    }

    /** Every test, nothing else asked for. */
    public static RunRequest of(String initiatedBy) {
        return new RunRequest(Optional.empty(), Optional.empty(), initiatedBy, Map.of(), Optional.empty());
    }
}
