package dev.handoff.daemon.fork;

import java.io.Serializable;
import java.util.Map;

/**
 * What the daemon asks of a child JVM: run this suite with these configuration parameters (the
 * run's filter, number and parameters), as an in-process run would pass them to the Launcher.
 */
public record ForkRequest(String suiteUniqueId, Map<String, String> configuration) implements Serializable {}
