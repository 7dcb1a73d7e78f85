package dev.handoff.daemon.assembly;

import dev.handoff.daemon.access.Access;
import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.gate.GateService;
import dev.handoff.daemon.metrics.DaemonMetrics;
import dev.handoff.daemon.model.GateRequest;
import dev.handoff.daemon.model.GateStatus;
import dev.handoff.daemon.model.Quarantine;
import dev.handoff.daemon.model.QuarantineEvent;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.ScheduleDefinition;
import dev.handoff.daemon.model.ScheduleFire;
import dev.handoff.daemon.model.ScheduleStatus;
import dev.handoff.daemon.model.StabilityRules;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TestStability;
import dev.handoff.daemon.model.TraceLinks;
import dev.handoff.daemon.schedule.ScheduleService;
import dev.handoff.daemon.stability.StabilityService;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.daemon.trigger.RunService;
import dev.handoff.daemon.web.ApiContext;
import dev.handoff.daemon.web.GateActions;
import dev.handoff.daemon.web.RunActions;
import dev.handoff.daemon.web.ScheduleActions;
import dev.handoff.daemon.web.StabilityActions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Wires a daemon's parts into the {@link ApiContext} the REST API and pages work on. The web layer
 * sees runs and schedules only through {@link RunActions} and {@link ScheduleActions}; the two
 * adapters here are the only place that knows the services behind them.
 */
final class ApiWiring {

    private ApiWiring() {}

    static ApiContext context(
            SuiteCatalog catalog,
            RunStore store,
            RunService runs,
            ScheduleService schedules,
            Readiness readiness,
            Function<RunId, Optional<String>> junitXml,
            Clock clock,
            DaemonMetrics metrics,
            GateService gates,
            Access access,
            TraceLinks traceLinks,
            StabilityService stability) {
        return new ApiContext(
                catalog,
                store,
                new Runs(runs),
                readiness::isReady,
                readiness::notReadyReason,
                junitXml,
                clock,
                new Schedules(schedules),
                metrics::scrape,
                new Gates(gates),
                access,
                traceLinks,
                new Stability(stability));
    }

    /** The runner's operations on runs, as the API may call them. */
    private record Runs(RunService runs) implements RunActions {

        @Override
        public RunStore.Created trigger(String suite, RunRequest request) {
            return runs.trigger(suite, request);
        }

        @Override
        public SuiteRun retry(RunId id) {
            return runs.retry(id);
        }

        @Override
        public SuiteRun cancel(RunId id) {
            return runs.cancel(id);
        }
    }

    /** The gate service's operations, as the API may call them. */
    private record Gates(GateService gates) implements GateActions {

        @Override
        public GateActions.Created create(GateRequest request) {
            GateService.Created created = gates.create(request);
            return new GateActions.Created(created.status(), created.created());
        }

        @Override
        public GateStatus await(long id, Duration wait) {
            return gates.await(id, wait);
        }

        @Override
        public List<GateStatus> list(int limit, OptionalLong before) {
            return gates.list(limit, before);
        }
    }

    /** Tests' stability and quarantines, as the API may read and change them. */
    private record Stability(StabilityService stability) implements StabilityActions {

        @Override
        public StabilityRules rules() {
            return stability.rules();
        }

        @Override
        public List<TestStability> suite(String suite, OptionalInt window) {
            return stability.suite(suite, window);
        }

        @Override
        public TestStability test(String suite, String test, OptionalInt window) {
            return stability.test(suite, test, window);
        }

        @Override
        public List<TestStability> recent(String suite) {
            return stability.recent(suite);
        }

        @Override
        public List<QuarantineEvent> audit(String suite, String test) {
            return stability.audit(suite, test);
        }

        @Override
        public Quarantine quarantine(String suite, String test, String reason, String by, Optional<Instant> expiresAt) {
            return stability.quarantine(suite, test, reason, by, expiresAt);
        }

        @Override
        public boolean lift(String suite, String test, String by, Optional<String> reason) {
            return stability.lift(suite, test, by, reason);
        }
    }

    /** The scheduler's operations on schedules, as the API may call them. */
    private record Schedules(ScheduleService schedules) implements ScheduleActions {

        @Override
        public List<ScheduleStatus> list() {
            return schedules.list();
        }

        @Override
        public ScheduleStatus find(String name) {
            return schedules.find(name);
        }

        @Override
        public List<ScheduleFire> recentFires(String name) {
            return schedules.recentFires(name);
        }

        @Override
        public boolean put(ScheduleDefinition definition) {
            return schedules.put(definition);
        }

        @Override
        public void delete(String name) {
            schedules.delete(name);
        }

        @Override
        public ScheduleStatus pause(String name) {
            return schedules.pause(name);
        }

        @Override
        public ScheduleStatus resume(String name) {
            return schedules.resume(name);
        }
    }
}
