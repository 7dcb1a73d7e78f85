package dev.handoff.engine.internal;

import org.junit.platform.engine.UniqueId;

/**
 * A test of the suite as Handoff counts it: a test method, or a test template or factory with all
 * its invocations. Attempts run the whole unit; its outcome is its last attempt's.
 */
final class Unit {

    /** What a failure inside the current attempt becomes. */
    enum Verdict {
        RETRY,
        SOFT,
        FAIL,
        STOPPED
    }

    final String name;
    final UniqueId jupiterId;
    final MirrorDescriptor firstMirror;
    final int maxAttempts;
    final boolean softByAnnotation;

    int attempt;
    MirrorDescriptor mirror;
    int mirrorAttempt = 1;
    boolean failedThisAttempt;
    boolean finishedThisAttempt;
    boolean pendingRetry;
    boolean done;
    int failedAttempts;
    private int softMarkedAttempt;

    Unit(String name, UniqueId jupiterId, MirrorDescriptor firstMirror, int maxAttempts, boolean softByAnnotation) {
        this.name = name;
        this.jupiterId = jupiterId;
        this.firstMirror = firstMirror;
        this.maxAttempts = maxAttempts;
        this.softByAnnotation = softByAnnotation;
        this.mirror = firstMirror;
    }

    void begin(int attempt) {
        this.attempt = attempt;
        this.failedThisAttempt = false;
        this.finishedThisAttempt = false;
        this.pendingRetry = false;
    }

    void markSoft() {
        softMarkedAttempt = attempt;
    }

    boolean soft() {
        return softByAnnotation || softMarkedAttempt == attempt;
    }

    Verdict failed(boolean stopped) {
        failedThisAttempt = true;
        Verdict verdict = stopped
                ? Verdict.STOPPED
                : attempt < maxAttempts ? Verdict.RETRY : soft() ? Verdict.SOFT : Verdict.FAIL;
        pendingRetry = verdict == Verdict.RETRY;
        return verdict;
    }

    void finished() {
        finishedThisAttempt = true;
        if (failedThisAttempt) {
            failedAttempts++;
        }
        done = !pendingRetry;
    }

    /** Passed after at least one failed attempt. */
    boolean flaky() {
        return !failedThisAttempt && failedAttempts > 0;
    }
}
