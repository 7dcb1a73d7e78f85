package dev.handoff.daemon;

import dev.handoff.daemon.hook.HookSettings;
import dev.handoff.daemon.runner.Isolation;
import java.nio.file.Path;

/**
 * The checks {@link Handoff.Builder#build()} makes before it opens anything, so that a bad setting
 * stops the start with a one-line message naming it (the CLI prints it as is) instead of failing
 * later, halfway through opening the database or listening.
 */
final class SettingsChecks {

    private SettingsChecks() {}

    /**
     * Checks that the TLS files come as a pair, before {@link Handoff.Builder#settings()} puts
     * them into {@link dev.handoff.daemon.access.TlsFiles}; it speaks of the CLI's options, which
     * is how most people give them.
     */
    static void checkTlsFiles(Path certificate, Path key, Path clientCa) {
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate (--tls-cert) and a key (--tls-key)");
        }
        if (clientCa != null && certificate == null) {
            throw new IllegalArgumentException(
                    "a TLS client CA (--tls-client-ca) needs TLS: give --tls-cert and --tls-key too");
        }
    }

    /** Checks the numbers, durations and URLs of the settings. */
    static void check(Handoff.Settings settings) {
        if (settings.maxPendingRuns() < 1) {
            throw new IllegalArgumentException("max pending runs must be at least 1, got " + settings.maxPendingRuns());
        }
        if (settings.port() < 0 || settings.port() > 65535) {
            throw new IllegalArgumentException("port " + settings.port() + " is not a number from 0 to 65535");
        }
        if (settings.maxConcurrentRuns() < 1) {
            throw new IllegalArgumentException(
                    "max concurrent runs must be at least 1, got " + settings.maxConcurrentRuns());
        }
        if (settings.shutdownGrace().isNegative()) {
            throw new IllegalArgumentException("shutdown grace must not be negative, got " + settings.shutdownGrace());
        }
        if (settings.environment().length() > Handoff.Builder.MAX_ENVIRONMENT) {
            throw new IllegalArgumentException("environment must be at most " + Handoff.Builder.MAX_ENVIRONMENT
                    + " characters, got " + settings.environment().length());
        }
        if (settings.retention().isNegative() || settings.retention().isZero()) {
            throw new IllegalArgumentException("retention must be more than 0, got " + settings.retention());
        }
        if (!settings.forkJvmArgs().isEmpty() && settings.isolation() != Isolation.FORK) {
            throw new IllegalArgumentException("JVM options for forked runs (--fork-jvm-args) need --isolation fork");
        }
        HookSettings hooks = settings.hooks();
        hooks.publicUrl().ifPresent(url -> {
            if (!url.isAbsolute()
                    || url.getHost() == null
                    || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
                throw new IllegalArgumentException("public URL '" + url + "' is not an absolute http(s) URL");
            }
        });
        if (!hooks.timeout().isPositive() || !hooks.asyncTimeout().isPositive()) {
            throw new IllegalArgumentException(
                    "hook timeouts must be more than 0, got " + hooks.timeout() + " and " + hooks.asyncTimeout());
        }
    }
}
