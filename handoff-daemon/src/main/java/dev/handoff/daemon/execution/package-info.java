/**
 * Step 3 of a run, execution: {@link dev.handoff.daemon.execution.RunDispatcher} takes pending runs
 * from the store and executes each with the JUnit Platform Launcher on a virtual thread, telling
 * {@link dev.handoff.daemon.execution.RunEvents} when an execution starts and ends.
 */
package dev.handoff.daemon.execution;
