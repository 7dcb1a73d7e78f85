package dev.handoff.daemon.hook;

import dev.handoff.api.AsyncSuiteRunFinishedListener;
import dev.handoff.api.AsyncTestFinishedListener;
import dev.handoff.api.FinishedRun;
import dev.handoff.api.FinishedTest;
import dev.handoff.api.Hook;
import dev.handoff.api.HookConfig;
import dev.handoff.api.StartedRun;
import dev.handoff.api.SuiteRunFinishedListener;
import dev.handoff.api.SuiteRunStartedListener;
import dev.handoff.api.TestFinishedListener;
import dev.handoff.daemon.config.HookSettings;
import dev.handoff.daemon.metrics.DaemonMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The hooks of one daemon and how each is called. Sync listeners run on the run's thread, each
 * call bounded by the timeout; async ones get a lane each ({@link AsyncLane}). Every call is
 * guarded ({@link GuardedCall}): a hook cannot fail, delay beyond its timeout, or lose a run.
 */
public final class Hooks implements AutoCloseable {

    /** How long queued async events get to be delivered when the daemon stops. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    /** Where a hook's values go: to the run (no test) or to one of its tests. */
    public interface ValueSink extends BiConsumer<Optional<String>, Map<String, String>> {}

    private final List<Hook> hooks;
    private final HookSettings settings;
    private final Map<String, AsyncLane> lanes = new LinkedHashMap<>();
    private DaemonMetrics metrics;

    private Hooks(List<Hook> hooks, HookSettings settings) {
        this.hooks = List.copyOf(hooks);
        this.settings = settings;
    }

    /**
     * The configured built-in hooks, the hooks given in library mode, and those {@code
     * ServiceLoader} finds with the daemon's class loader and the suites' one.
     *
     * @throws IllegalArgumentException when two hooks have one name, a setting names no hook, or a
     *     hook cannot be loaded
     */
    public static Hooks load(HookSettings settings, ClassLoader suites) {
        List<Hook> found = new ArrayList<>(BuiltInHooks.configured(settings));
        found.addAll(settings.hooks());
        if (settings.serviceLoader()) {
            Set<String> classes = new LinkedHashSet<>();
            found.forEach(hook -> classes.add(hook.getClass().getName()));
            for (ClassLoader loader : List.of(Hooks.class.getClassLoader(), suites)) {
                try {
                    for (Hook hook : ServiceLoader.load(Hook.class, loader)) {
                        if (classes.add(hook.getClass().getName())) {
                            found.add(hook);
                        }
                    }
                } catch (ServiceConfigurationError e) {
                    throw new IllegalArgumentException(
                            "cannot load a hook listed in META-INF/services/" + Hook.class.getName() + ": "
                                    + e.getMessage(),
                            e);
                }
            }
        }
        Map<String, Hook> byName = new LinkedHashMap<>();
        for (Hook hook : found) {
            Hook other = byName.putIfAbsent(name(hook), hook);
            if (other != null) {
                throw new IllegalArgumentException("two hooks are named '%s': %s and %s; give one another name()"
                        .formatted(
                                name(hook),
                                other.getClass().getName(),
                                hook.getClass().getName()));
            }
        }
        for (String named : settings.settings().keySet()) {
            if (!byName.containsKey(named)) {
                throw new IllegalArgumentException(
                        "there are settings for hook '%s', but no hook has that name; hooks are: %s"
                                .formatted(named, byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
            }
            checkPolicies(named, settings.settings().get(named));
        }
        return new Hooks(found, settings);
    }

    /** Every notification policy setting of the hook, read once at start, so that a typo stops the start. */
    private static void checkPolicies(String hook, Map<String, String> hookSettings) {
        for (String key : hookSettings.keySet()) {
            for (String policyKey :
                    List.of(NotificationPolicy.NOTIFY, NotificationPolicy.FAILURES, NotificationPolicy.DIGEST)) {
                if (key.equals(policyKey) || key.startsWith(policyKey + ".")) {
                    String suite = key.equals(policyKey) ? "" : key.substring(policyKey.length() + 1);
                    NotificationPolicy policy = NotificationPolicy.of(hook, suite, hookSettings);
                    if (policy.digest().isPresent() && !hook.equals(SlackHook.NAME)) {
                        throw new IllegalArgumentException(
                                "%s.%s: only the slack hook sends digests of flaky tests".formatted(hook, key));
                    }
                }
            }
        }
    }

    /** The hook's notification policy for the suite. */
    NotificationPolicy policy(String hook, String suite) {
        return NotificationPolicy.of(hook, suite, settings.settings().getOrDefault(hook, Map.of()));
    }

    /** Whether some hook's policy for the suite reads the suite's recent runs. */
    public boolean policiesReadHistory(String suite) {
        return hooks.stream().anyMatch(hook -> policy(hook.name(), suite).readsHistory());
    }

    /**
     * Sends the Slack digest of the suite's flaky tests when its policy makes one due after this
     * run: every N runs (by the run's number), or daily ({@code claimDaily} says whether this
     * replica is the one to send today's).
     *
     * @param flakyLines the digest's lines, read only when a digest is due; none: nothing is sent
     */
    public void digest(
            FinishedRun run,
            Supplier<List<String>> flakyLines,
            java.util.function.BiPredicate<String, java.time.Duration> claimDaily) {
        for (Hook hook : hooks) {
            if (!(hook instanceof SlackHook slack)) {
                continue;
            }
            Optional<NotificationPolicy.Digest> digest =
                    policy(hook.name(), run.suite()).digest();
            if (digest.isEmpty()) {
                continue;
            }
            boolean due = digest.get().daily()
                    ? claimDaily.test(hook.name(), digest.get().every())
                    : run.number() % digest.get().runs() == 0;
            if (!due) {
                continue;
            }
            List<String> lines = flakyLines.get();
            if (lines.isEmpty()) {
                continue;
            }
            String what = "the flaky tests digest of suite '" + run.suite() + "'";
            lanes.get(hook.name())
                    .submit(
                            what,
                            () -> GuardedCall.run(
                                    hook.name(),
                                    what,
                                    settings.asyncTimeout(),
                                    metrics,
                                    () -> slack.digest(run, lines)));
        }
    }

    private static String name(Hook hook) {
        String name = hook.name();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("hook " + hook.getClass().getName() + " has a blank name()");
        }
        return name;
    }

    public List<String> names() {
        return hooks.stream().map(Hook::name).toList();
    }

    public boolean isEmpty() {
        return hooks.isEmpty();
    }

    /**
     * Initialises every hook with its settings, once, before the first run.
     *
     * @throws IllegalArgumentException naming the hook, when one refuses its configuration
     */
    public synchronized void init(URI publicUrl, DaemonMetrics metrics) {
        this.metrics = metrics;
        for (Hook hook : hooks) {
            metrics.hook(hook.name());
            try {
                hook.init(new HookConfig(settings.settings().getOrDefault(hook.name(), Map.of()), publicUrl));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "hook '%s' cannot start: %s".formatted(hook.name(), e.getMessage()), e);
            }
            if (isAsync(hook)) {
                lanes.put(hook.name(), new AsyncLane(hook.name(), metrics));
            }
        }
    }

    private static boolean isAsync(Hook hook) {
        return hook instanceof AsyncTestFinishedListener
                || hook instanceof AsyncSuiteRunFinishedListener
                || hook instanceof SuiteRunStartedListener;
    }

    public boolean hasTestListeners() {
        return hooks.stream()
                .anyMatch(h -> h instanceof TestFinishedListener || h instanceof AsyncTestFinishedListener);
    }

    /** Queues the run's start for the hooks that want it; returns at once. */
    public void runStarted(StartedRun run) {
        String what = "the start of run " + run.number() + " of suite '" + run.suite() + "'";
        for (Hook hook : hooks) {
            if (hook instanceof SuiteRunStartedListener listener) {
                lanes.get(hook.name())
                        .submit(
                                what,
                                () -> GuardedCall.run(
                                        hook.name(),
                                        what,
                                        settings.asyncTimeout(),
                                        metrics,
                                        () -> listener.suiteRunStarted(run)));
            }
        }
    }

    /**
     * Calls the sync listeners (tests first, then the run) and queues the async ones. Values the
     * hooks add go to {@code sink}, right after each call.
     */
    public void runFinished(FinishedRun run, ValueSink sink) {
        runFinished(run, sink, List::of);
    }

    /**
     * As {@link #runFinished(FinishedRun, ValueSink)}, each run listener told only when its
     * {@link NotificationPolicy} for the suite delivers the run.
     *
     * @param history the suite's finished runs up to this one, newest first; read only when a
     *     policy needs them
     */
    public void runFinished(FinishedRun run, ValueSink sink, Supplier<List<NotificationPolicy.PastRun>> history) {
        String what = "run " + run.number() + " of suite '" + run.suite() + "'";
        List<NotificationPolicy.PastRun> past = policiesReadHistory(run.suite()) ? history.get() : List.of();
        java.util.function.Predicate<Hook> delivered =
                hook -> policy(hook.name(), run.suite()).delivers(run, past);
        for (Hook hook : hooks) {
            if (hook instanceof TestFinishedListener listener) {
                eachTest(hook, run, what, settings.timeout(), sink, listener::testFinished);
            }
        }
        for (Hook hook : hooks) {
            if (hook instanceof SuiteRunFinishedListener listener && delivered.test(hook)) {
                call(
                        hook,
                        what,
                        settings.timeout(),
                        Optional.empty(),
                        sink,
                        values -> listener.suiteRunFinished(run, values));
            }
        }
        for (Hook hook : hooks) {
            if (hook instanceof AsyncTestFinishedListener listener) {
                lanes.get(hook.name())
                        .submit(
                                "the tests of " + what,
                                () -> eachTest(hook, run, what, settings.asyncTimeout(), sink, listener::testFinished));
            }
            if (hook instanceof AsyncSuiteRunFinishedListener listener && delivered.test(hook)) {
                lanes.get(hook.name())
                        .submit(
                                what,
                                () -> call(
                                        hook,
                                        what,
                                        settings.asyncTimeout(),
                                        Optional.empty(),
                                        sink,
                                        values -> listener.suiteRunFinished(run, values)));
            }
        }
    }

    private interface Call {
        void call(CollectedValues values);
    }

    private interface TestCall {
        void call(FinishedTest test, CollectedValues values);
    }

    /**
     * Calls the hook for each test of the run, until a call has to be abandoned: a hook that hangs
     * would otherwise hold the run's thread (or its lane) for its timeout times the number of tests.
     * The calls it then misses are counted as errors too.
     */
    private void eachTest(Hook hook, FinishedRun run, String what, Duration timeout, ValueSink sink, TestCall call) {
        List<FinishedTest> tests = run.tests();
        for (int i = 0; i < tests.size(); i++) {
            FinishedTest test = tests.get(i);
            GuardedCall.Outcome outcome = call(
                    hook,
                    "test '" + test.test() + "' of " + what,
                    timeout,
                    Optional.of(test.test()),
                    sink,
                    values -> call.call(test, values));
            if (outcome == GuardedCall.Outcome.ABANDONED && i + 1 < tests.size()) {
                int missed = tests.size() - i - 1;
                for (int m = 0; m < missed; m++) {
                    metrics.hookError(hook.name());
                }
                System.getLogger(Hooks.class.getName())
                        .log(
                                System.Logger.Level.WARNING,
                                "hook '%s' is not called for the other %d tests of %s"
                                        .formatted(hook.name(), missed, what));
                return;
            }
        }
    }

    private GuardedCall.Outcome call(
            Hook hook, String what, Duration timeout, Optional<String> test, ValueSink sink, Call call) {
        CollectedValues values = new CollectedValues();
        GuardedCall.Outcome outcome = GuardedCall.run(hook.name(), what, timeout, metrics, () -> call.call(values));
        Map<String, String> added = values.close();
        if (outcome == GuardedCall.Outcome.RETURNED && !added.isEmpty()) {
            try {
                sink.accept(test, added);
            } catch (RuntimeException e) {
                metrics.hookError(hook.name());
                System.getLogger(Hooks.class.getName())
                        .log(
                                System.Logger.Level.WARNING,
                                "the values hook '%s' added to %s were not stored: %s"
                                        .formatted(hook.name(), what, e.getMessage()),
                                e);
            }
        }
        return outcome;
    }

    /** Gives queued async events a few seconds to be delivered, then stops. */
    @Override
    public synchronized void close() {
        lanes.values().forEach(lane -> lane.close(CLOSE_GRACE));
        lanes.clear();
    }
}
