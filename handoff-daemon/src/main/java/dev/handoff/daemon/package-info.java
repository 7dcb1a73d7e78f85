/**
 * The Handoff daemon. Its packages follow a run's flow (see ARCHITECTURE.md at the repository
 * root): {@link dev.handoff.daemon.discovery} finds suites, {@link dev.handoff.daemon.trigger}
 * creates runs, {@link dev.handoff.daemon.execution} executes them with the JUnit Platform
 * Launcher, {@link dev.handoff.daemon.capture} records every attempt, and {@link
 * dev.handoff.daemon.hook} and {@link dev.handoff.daemon.metrics} act after; {@link
 * dev.handoff.daemon.store} keeps runs; {@link dev.handoff.daemon.web} shows and triggers them;
 * {@link dev.handoff.daemon.model} holds the words they share (suite run, attempt, result). {@link
 * dev.handoff.daemon.config} declares the settings, {@link dev.handoff.daemon.assembly} builds the
 * daemon from them, and {@link dev.handoff.daemon.Handoff} is the library's face of it.
 */
package dev.handoff.daemon;
