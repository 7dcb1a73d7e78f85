package dev.handoff.daemon.config;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Everything a daemon is built from, as a tree of records, one per concern; {@link Settings}
 * declares each setting, {@link #of(Values)} checks the values together and builds the tree. The
 * {@code toString} of every part leaves passwords, tokens and endpoints out.
 */
@API(status = API.Status.EXPERIMENTAL)
public record DaemonConfig(
        SuitesConfig suites,
        ServerConfig server,
        StorageConfig storage,
        RunsConfig runs,
        AccessConfig access,
        HookSettings hooks,
        TracingConfig tracing,
        StabilityConfig stability) {

    /** What the database keeps of the environment's name with each run. */
    public static final int MAX_ENVIRONMENT = 500;

    /** With the random part of a replica id, what Quartz's instance-id column (200 characters) holds. */
    public static final int MAX_INSTANCE_NAME = 150;

    public DaemonConfig {
        Objects.requireNonNull(suites, "suites");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(tracing, "tracing");
        Objects.requireNonNull(stability, "stability");
    }

    /**
     * Checks the values together and builds the tree.
     *
     * @throws ConfigException naming the settings that do not fit together, in their doors' words
     */
    public static DaemonConfig of(Values values) {
        return new DaemonConfig(
                SuitesConfig.of(values),
                ServerConfig.of(values),
                StorageConfig.of(values),
                RunsConfig.of(values),
                AccessConfig.of(values),
                HookSettings.of(values),
                TracingConfig.of(values),
                StabilityConfig.of(values));
    }
}
