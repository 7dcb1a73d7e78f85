package dev.handoff.daemon.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * An attempt's invocations: how many, how many failed and the first that failed, which every list
 * of tests shows, and, when the attempt was read in full, each invocation.
 *
 * @param list each invocation in order; empty when the attempt was read without its details (a
 *     run's list of tests) or had no invocations
 */
@API(status = API.Status.EXPERIMENTAL)
public record Invocations(int count, int failed, Optional<String> firstFailed, List<Invocation> list) {

    public static final Invocations NONE = new Invocations(0, 0, Optional.empty(), List.of());

    public Invocations {
        Objects.requireNonNull(firstFailed, "firstFailed");
        list = List.copyOf(list);
    }

    /** The invocations with their counts. */
    public static Invocations of(List<Invocation> invocations) {
        List<Invocation> failed = invocations.stream()
                .filter(i -> i.result() == AttemptResult.FAILED)
                .toList();
        return invocations.isEmpty()
                ? NONE
                : new Invocations(
                        invocations.size(),
                        failed.size(),
                        failed.stream().findFirst().map(Invocation::name),
                        invocations);
    }

    /** {@code 12 invocations, 1 failed: [2] value=b}; empty for a test without invocations. */
    public String describe() {
        if (count == 0) {
            return "";
        }
        String text = count + (count == 1 ? " invocation" : " invocations");
        if (failed > 0) {
            text += ", " + failed + " failed: " + firstFailed.orElse("");
        }
        return text;
    }
}
