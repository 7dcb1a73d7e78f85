package dev.handoff.daemon.web;

import dev.handoff.daemon.access.Access;
import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.TraceLinks;
import dev.handoff.daemon.store.RunReads;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the REST API reads and acts on; the daemon wires it once at startup.
 *
 * @param catalog the suites the daemon knows
 * @param store where runs are read from
 * @param runs what triggers, retries and cancels runs (the runner's {@code RunService})
 * @param ready whether the daemon is ready to take runs ({@code GET /ready})
 * @param notReadyReason why it is not ready yet, in the operator's words
 * @param junitXml a run's JUnit XML report; empty when the run does not exist
 * @param clock what "now" is, for the duration of running runs
 * @param schedules what lists, makes and changes schedules (the daemon's {@code ScheduleService})
 * @param metrics the daemon's metrics in the Prometheus text format ({@code GET /metrics})
 * @param gates what makes gates and tells their verdicts (the daemon's {@code GateService})
 * @param access who may do what; {@link Access#openNotice()} is the banner pages show while
 *     anyone may trigger runs
 * @param traceLinks the links from an attempt to its trace and logs ({@code --trace-url}, {@code
 *     --logs-url})
 * @param stability tests' stability and quarantines
 */
public record ApiContext(
        SuiteCatalog catalog,
        RunReads store,
        RunActions runs,
        BooleanSupplier ready,
        Supplier<String> notReadyReason,
        Function<RunId, Optional<String>> junitXml,
        Clock clock,
        ScheduleActions schedules,
        Supplier<String> metrics,
        GateActions gates,
        Access access,
        TraceLinks traceLinks,
        StabilityActions stability) {

    /** A context without trace links, and no stability judgement. */
    public ApiContext(
            SuiteCatalog catalog,
            RunReads store,
            RunActions runs,
            BooleanSupplier ready,
            Supplier<String> notReadyReason,
            Function<RunId, Optional<String>> junitXml,
            Clock clock,
            ScheduleActions schedules,
            Supplier<String> metrics,
            GateActions gates,
            Access access,
            StabilityActions stability) {
        this(
                catalog,
                store,
                runs,
                ready,
                notReadyReason,
                junitXml,
                clock,
                schedules,
                metrics,
                gates,
                access,
                TraceLinks.NONE,
                stability);
    }

    public ApiContext {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(ready, "ready");
        Objects.requireNonNull(notReadyReason, "notReadyReason");
        Objects.requireNonNull(junitXml, "junitXml");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(schedules, "schedules");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(gates, "gates");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(traceLinks, "traceLinks");
        Objects.requireNonNull(stability, "stability");
    }
}
