/**
 * Step 2 of a run, trigger: {@link dev.handoff.daemon.trigger.RunService} turns a request from the
 * API, the UI, the CLI or a schedule into a pending run in the store, and retries and cancels runs.
 */
package dev.handoff.daemon.trigger;
