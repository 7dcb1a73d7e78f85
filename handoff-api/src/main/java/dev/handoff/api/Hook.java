package dev.handoff.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Plugin code the daemon calls when a test or a suite run finishes. A hook implements one or more
 * of {@link TestFinishedListener}, {@link SuiteRunFinishedListener}, their async variants and
 * {@link SuiteRunStartedListener}.
 *
 * <p>The daemon finds hooks with {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/dev.handoff.api.Hook} of a jar on its classpath or suites path), and takes
 * hook objects given to its builder in library mode. Each hook is initialised once, before the
 * first run starts.
 *
 * <p>A hook that throws, hangs or is slow never fails, delays or loses a run: the run's result is
 * stored before any hook is called, every call is guarded and bounded in time, and failures are
 * logged and counted in the metric {@code handoff_hook_errors_total{hook}}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Hook {

    /** Names the hook in logs and metrics; unique per daemon. Default: the class's simple name. */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * Called once before the hook gets its first event.
     *
     * @throws RuntimeException to refuse the configuration: the daemon does not start, and says why
     */
    default void init(HookConfig config) {}
}
