/**
 * Step 4 of a run, capture: {@link dev.handoff.daemon.capture.RunRecorder} turns the platform's
 * events into attempts and {@link dev.handoff.daemon.capture.AttemptWriter} stores them in
 * batches. The CLI's {@code exec} records through the same recorder, so what the engine reports
 * is decoded in one place and the daemon and {@code exec} cannot read it differently.
 */
package dev.handoff.daemon.capture;
