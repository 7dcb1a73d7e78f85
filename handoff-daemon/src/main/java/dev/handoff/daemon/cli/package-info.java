/**
 * The {@code handoff} command line ({@link dev.handoff.daemon.cli.HandoffCommand}): {@code serve},
 * the client commands {@code suites} and {@code run} over the REST API, {@code exec} to run suites
 * in process, and {@code demo}.
 */
package dev.handoff.daemon.cli;
