package dev.handoff.daemon.discovery;

import java.util.Set;
import org.apiguardian.api.API;

/**
 * The suites that the live replicas of a cluster serve, this daemon's included, as the database
 * says at the time of the call. During a rolling update replicas serve different suites: a
 * replica that lacks a suite leaves its runs to a live replica that has it, and only when none
 * has it does the run end failed.
 */
@FunctionalInterface
@API(status = API.Status.INTERNAL)
public interface LiveSuites {

    /** For a daemon alone (no cluster): nothing is served elsewhere. */
    LiveSuites NONE = Set::of;

    /** Reads them; a query of the database. */
    Set<String> read();
}
