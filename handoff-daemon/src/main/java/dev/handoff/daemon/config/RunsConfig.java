package dev.handoff.daemon.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How a daemon runs suites and keeps their runs.
 *
 * @param environment stored with each run, such as the cluster's name
 * @param instanceName this daemon's name (the {@code instance} label of the run metrics); empty:
 *     the host name
 * @param maxConcurrentRuns runs of different suites at once
 * @param maxPendingRuns runs of one suite waiting to start; more triggers are refused
 * @param shutdownGrace how long running tests may finish when the daemon stops
 * @param retention how long finished runs are kept; empty: forever
 * @param isolation where each run executes: in the daemon's JVM, or in a JVM of its own
 * @param forkJvmArgs options of each forked run's JVM; only with {@link Isolation#FORK}
 * @param forkWorkDir the working directory of each forked run's JVM; empty: the daemon's own
 */
@API(status = API.Status.EXPERIMENTAL)
public record RunsConfig(
        String environment,
        Optional<String> instanceName,
        int maxConcurrentRuns,
        int maxPendingRuns,
        Duration shutdownGrace,
        Optional<Duration> retention,
        Isolation isolation,
        List<String> forkJvmArgs,
        Optional<Path> forkWorkDir) {

    public RunsConfig {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(isolation, "isolation");
        forkJvmArgs = List.copyOf(forkJvmArgs);
        Objects.requireNonNull(forkWorkDir, "forkWorkDir");
    }

    static RunsConfig of(Values values) {
        Isolation isolation = values.get(Settings.ISOLATION);
        List<String> forkJvmArgs = values.get(Settings.FORK_JVM_ARGS);
        if (!forkJvmArgs.isEmpty() && isolation != Isolation.FORK) {
            Names names = new Names(values);
            throw new ConfigException("JVM options for forked runs (" + names.given(Settings.FORK_JVM_ARGS) + ") need "
                    + names.valued(Settings.ISOLATION, Isolation.FORK, Settings.FORK_JVM_ARGS));
        }
        Optional<Path> forkWorkDir = values.find(Settings.FORK_WORK_DIR)
                .map(dir -> dir.toAbsolutePath().normalize());
        if (forkWorkDir.isPresent()) {
            Names names = new Names(values);
            if (isolation != Isolation.FORK) {
                throw new ConfigException("a working directory for forked runs (" + names.given(Settings.FORK_WORK_DIR)
                        + ") needs " + names.valued(Settings.ISOLATION, Isolation.FORK, Settings.FORK_WORK_DIR));
            }
            if (!Files.isDirectory(forkWorkDir.get())) {
                throw new ConfigException(names.given(Settings.FORK_WORK_DIR) + " is not a folder");
            }
        }
        return new RunsConfig(
                values.get(Settings.ENVIRONMENT),
                Optional.of(values.get(Settings.INSTANCE_NAME)).filter(name -> !name.isBlank()),
                values.get(Settings.MAX_CONCURRENT_RUNS),
                values.get(Settings.MAX_PENDING_RUNS),
                values.get(Settings.SHUTDOWN_GRACE),
                values.get(Settings.RETENTION),
                isolation,
                forkJvmArgs,
                forkWorkDir);
    }
}
