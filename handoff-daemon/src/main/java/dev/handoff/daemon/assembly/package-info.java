/**
 * The composition root: {@link dev.handoff.daemon.assembly.Daemon} builds a daemon's parts from its
 * {@link dev.handoff.daemon.config.DaemonConfig} and wires them together, and starts and stops them
 * in order. No other package builds the parts; {@link dev.handoff.daemon.Handoff} is its library face.
 */
package dev.handoff.daemon.assembly;
