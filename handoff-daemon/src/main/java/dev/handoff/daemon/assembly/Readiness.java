package dev.handoff.daemon.assembly;

import dev.handoff.daemon.schedule.ScheduleService;
import dev.handoff.daemon.store.Database;
import dev.handoff.daemon.trigger.RunService;
import io.helidon.webserver.WebServer;
import java.util.function.Supplier;

/**
 * Whether a daemon is ready to take runs ({@code GET /ready}, {@code Handoff.awaitReady}) and, if
 * not, why in the operator's words: it serves, does not drain, its scheduler runs and its database
 * answers.
 *
 * @param server the daemon's server; null until it started
 */
record Readiness(Supplier<WebServer> server, RunService runs, ScheduleService schedules, Database database) {

    boolean isReady() {
        WebServer server = this.server.get();
        return server != null
                && server.isRunning()
                && !runs.isDraining()
                && schedules.isRunning()
                && database.isReachable();
    }

    String notReadyReason() {
        if (runs.isDraining()) {
            return "shutting down";
        }
        if (!database.isReachable()) {
            return "the database is unreachable";
        }
        return server.get() != null && !schedules.isRunning() ? "the scheduler is not running" : "starting";
    }
}
