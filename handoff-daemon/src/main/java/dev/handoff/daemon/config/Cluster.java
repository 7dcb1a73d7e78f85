package dev.handoff.daemon.config;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Whether a daemon is alone on its database or one of several replicas sharing one PostgreSQL
 * database. Replicas coordinate through the database: Quartz's clustered job store, runs claimed
 * by conditional updates, and the record of what each live replica serves; a daemon alone owns its
 * H2 file and takes back every run it left.
 */
@API(status = API.Status.EXPERIMENTAL)
public sealed interface Cluster {

    /** This daemon's id among the replicas (its Quartz instance id), stored with the runs it executes. */
    String instanceId();

    /** Whether other daemons share the database. */
    default boolean hasReplicas() {
        return this instanceof Replicas;
    }

    /** One daemon on its own database (an H2 file). */
    @API(status = API.Status.EXPERIMENTAL)
    record Single(String instanceId) implements Cluster {
        public Single {
            Objects.requireNonNull(instanceId, "instanceId");
        }
    }

    /** One of several replicas sharing a PostgreSQL database. */
    @API(status = API.Status.EXPERIMENTAL)
    record Replicas(String instanceId) implements Cluster {
        public Replicas {
            Objects.requireNonNull(instanceId, "instanceId");
        }
    }

    /** The cluster a daemon on this storage is part of. */
    static Cluster of(StorageConfig storage, String instanceId) {
        return storage.shared() ? new Replicas(instanceId) : new Single(instanceId);
    }
}
