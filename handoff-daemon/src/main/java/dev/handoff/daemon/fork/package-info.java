/**
 * What runs in the child JVM of a forked run ({@code --isolation fork}), and the frames it sends
 * back: kept apart from the rest of the daemon, because the daemon copies this package (with the
 * API and the engine) onto the child's class path when the suites bring their own JUnit.
 *
 * <p>Nothing here may use a class outside the JDK, the JUnit Platform Launcher and the Handoff
 * engine.
 */
package dev.handoff.daemon.fork;
