package dev.handoff.daemon.store;

import org.apiguardian.api.API;

/**
 * Which daemons of a cluster are alive, as Quartz's clustered job store sees them: each replica's
 * scheduler checks in to {@code qrtz_scheduler_state} every few seconds, and the other replicas
 * delete the row of one that stopped checking in (Quartz's own failure detection, after about
 * its check-in interval plus 7.5 s). A run's {@code owner} is its daemon's Quartz instance id, so
 * a running run whose owner has no row belongs to a dead replica. No heartbeat of Handoff's own.
 */
@API(status = API.Status.INTERNAL)
public final class Replicas {

    /** The Quartz scheduler name every replica shares; it is part of each Quartz row's key. */
    public static final String SCHEDULER_NAME = "handoff";

    /** The instance ids of the live replicas, as an SQL subquery. */
    static final String LIVE =
            "select instance_name from qrtz_scheduler_state where sched_name = '" + SCHEDULER_NAME + "'";

    private Replicas() {}
}
