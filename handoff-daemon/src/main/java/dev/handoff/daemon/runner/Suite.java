package dev.handoff.daemon.runner;

/**
 * A {@code @HandoffSuite} class as discovered.
 *
 * @param name unique among the daemon's suites; used in URLs
 * @param uniqueId the suite's id in the {@code handoff} engine, which selects it for a run
 * @param tests how many tests discovery found (parameterized tests count once)
 */
public record Suite(String name, String className, String uniqueId, String namespace, String description, int tests) {}
