/**
 * Step 4 of a run, capture: {@link dev.handoff.daemon.capture.RunRecorder} turns the platform's
 * events into attempts and {@link dev.handoff.daemon.capture.AttemptWriter} stores them in
 * batches. What the engine reports on an attempt is decoded in one place (the attempt summary), so
 * the recorder and the CLI's {@code exec} cannot read it differently.
 */
package dev.handoff.daemon.capture;
