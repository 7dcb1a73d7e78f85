/**
 * Step 5, after a run: what tests' histories say of them ({@code stable}, {@code flaky}, {@code
 * broken}, {@code new}), quarantines, and the stability metrics.
 */
package dev.handoff.daemon.stability;
