/**
 * Step 1 of a run, discovery: {@link dev.handoff.daemon.discovery.SuiteCatalog} finds the
 * {@code @HandoffSuite} classes of the daemon's class path and suite jars with one Launcher
 * discovery, and {@link dev.handoff.daemon.discovery.TestFilter} checks a run's filter against a
 * suite's tests, at trigger and again at execution.
 */
package dev.handoff.daemon.discovery;
