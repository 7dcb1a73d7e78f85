/**
 * Gates, on top of step 2 (trigger): {@link dev.handoff.daemon.gate.GateService} turns a deployment
 * tool's question (do suites A and B pass on version X?) into one run per suite, and answers with a
 * verdict over those runs, waiting for it within a bound when asked to.
 */
package dev.handoff.daemon.gate;
