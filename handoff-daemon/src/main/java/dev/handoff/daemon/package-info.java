/**
 * The Handoff daemon. Its packages follow a run's flow: {@link dev.handoff.daemon.runner} discovers
 * suites and executes runs with the JUnit Platform Launcher, capturing every attempt; {@link
 * dev.handoff.daemon.store} keeps runs; {@link dev.handoff.daemon.web} shows and triggers them;
 * {@link dev.handoff.daemon.model} holds the words they share (suite run, attempt, result).
 */
package dev.handoff.daemon;
