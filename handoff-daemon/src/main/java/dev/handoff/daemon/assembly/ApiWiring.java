package dev.handoff.daemon.assembly;

import dev.handoff.daemon.access.Access;
import dev.handoff.daemon.discovery.SuiteCatalog;
import dev.handoff.daemon.gate.GateService;
import dev.handoff.daemon.metrics.DaemonMetrics;
import dev.handoff.daemon.model.GateRequest;
import dev.handoff.daemon.model.GateStatus;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.model.RunRequest;
import dev.handoff.daemon.model.ScheduleDefinition;
import dev.handoff.daemon.model.ScheduleFire;
import dev.handoff.daemon.model.ScheduleStatus;
import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.model.TraceLinks;
import dev.handoff.daemon.schedule.ScheduleService;
import dev.handoff.daemon.store.RunStore;
import dev.handoff.daemon.trigger.RunService;
import dev.handoff.daemon.web.ApiContext;
import dev.handoff.daemon.web.GateActions;
import dev.handoff.daemon.web.RunActions;
import dev.handoff.daemon.web.ScheduleActions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
            TraceLinks traceLinks) {
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
                traceLinks);
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
