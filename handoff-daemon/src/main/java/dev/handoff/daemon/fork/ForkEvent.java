package dev.handoff.daemon.fork;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One JUnit Platform event of a forked run, as the child's listener saw it. Identifiers travel
 * whole once ({@link PlanStarted}, {@link Registered}) as {@link IdentifierForm}s; later events
 * name them by unique id.
 */
public sealed interface ForkEvent extends Serializable {

    /** The test plan's identifiers, parents before children. */
    record PlanStarted(List<IdentifierForm> identifiers) implements ForkEvent {}

    /** A dynamic test or container (a later attempt, an invocation) registered during execution. */
    record Registered(IdentifierForm identifier) implements ForkEvent {}

    record Started(String uniqueId) implements ForkEvent {}

    record Skipped(String uniqueId, String reason) implements ForkEvent {}

    /**
     * @param status a {@code TestExecutionResult.Status} name
     * @param thrown what it threw, when it did
     */
    record Finished(String uniqueId, String status, Thrown thrown) implements ForkEvent {}

    record Reported(String uniqueId, Map<String, String> entries) implements ForkEvent {}

    /** The launcher itself threw: the run could not be executed. */
    record Crashed(Thrown thrown) implements ForkEvent {}

    /** Every event was sent; the child exits next. */
    record PlanFinished() implements ForkEvent {}
}
