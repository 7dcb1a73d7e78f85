package dev.handoff.daemon.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How a daemon runs suites and keeps their runs.
 *
 * @param environment stored with each run, such as the cluster's name
 * @param maxConcurrentRuns runs of different suites at once
 * @param maxPendingRuns runs of one suite waiting to start; more triggers are refused
 * @param shutdownGrace how long running tests may finish when the daemon stops
 * @param retention how long finished runs are kept; empty: forever
 */
@API(status = API.Status.EXPERIMENTAL)
public record RunsConfig(
        String environment,
        int maxConcurrentRuns,
        int maxPendingRuns,
        Duration shutdownGrace,
        Optional<Duration> retention) {

    public RunsConfig {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(retention, "retention");
    }

    static RunsConfig of(Values values) {
        return new RunsConfig(
                values.get(Settings.ENVIRONMENT),
                values.get(Settings.MAX_CONCURRENT_RUNS),
                values.get(Settings.MAX_PENDING_RUNS),
                values.get(Settings.SHUTDOWN_GRACE),
                values.get(Settings.RETENTION));
    }
}
