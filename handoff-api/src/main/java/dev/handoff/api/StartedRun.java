package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A run that started executing.
 *
 * @param number the run's number within its suite (1, 2, 3 ...)
 * @param ref what is tested, such as a commit SHA, when the trigger gave one
 * @param initiatedBy who or what triggered it, as the trigger said: a user, {@code cli}, {@code
 *     schedule:NAME}
 * @param caller the API token's name or client certificate's subject that the daemon verified for
 *     the trigger; empty when the daemon takes triggers without a token, and for scheduled runs
 * @param url the run's page, below the daemon's public address
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record StartedRun(
        String suite,
        String namespace,
        long number,
        Optional<String> ref,
        String initiatedBy,
        Optional<String> caller,
        String environment,
        Instant startedAt,
        URI url) {

    public StartedRun {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(initiatedBy, "initiatedBy");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(url, "url");
    }
}
