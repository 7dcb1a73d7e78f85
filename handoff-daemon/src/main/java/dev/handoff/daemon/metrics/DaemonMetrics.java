package dev.handoff.daemon.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon's metrics, one registry per daemon (several daemons can live in one JVM). The names,
 * labels and label values of runs and tests are the Go project's, so that existing dashboards keep
 * working ({@code instance} is the daemon's name, {@code --instance-name}):
 *
 * <ul>
 *   <li>{@code handoff_testsuites_running{instance, namespace, suite_name}}: runs executing now;
 *   <li>{@code handoff_testsuites_started_total{instance, namespace, suite_name, result, flaky}}:
 *       runs that executed, by how they ended ({@code passed}, {@code failed}, {@code cancelled})
 *       and whether a test of the run passed only after a failed attempt ({@code 1}) or not ({@code
 *       0}): a flaky run is {@code result="passed", flaky="1"}, as in Go;
 *   <li>{@code handoff_tests_run_total{instance, namespace, suite_name, result}}: tests that
 *       executed, by their result in the run ({@code passed}, {@code failed}, {@code soft-failed},
 *       {@code skipped});
 *   <li>{@code handoff_tests_flaky_total{namespace, suite_name}}: tests that passed after a
 *       failed attempt;
 *   <li>{@code handoff_testsuite_duration_seconds{namespace, suite_name}}: how long executions
 *       took, a histogram with buckets from 1 s to 1 h;
 *   <li>{@code handoff_hook_errors_total{hook}}: hook calls that threw, timed out or were dropped;
 *   <li>{@code handoff_schedule_fire_lateness_seconds{schedule}}: how late fires of schedules began
 *       on this daemon, a histogram with buckets from 10 ms to 1 min. Its cardinality is bounded:
 *       the first {@value #SCHEDULE_LABELS} schedules to fire have a label each, later ones share
 *       {@code schedule="_other"}; a deleted schedule's series goes and frees its label.
 * </ul>
 *
 * plus Micrometer's JVM and process metrics ({@code jvm_*}, {@code process_*}, {@code system_*}).
 */
public final class DaemonMetrics implements AutoCloseable {

    /** Buckets for e2e suites, which take seconds to an hour. */
    private static final Duration[] DURATION_BUCKETS = {
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(1),
        Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
                Duration.ofHours(1)
    };

    /** Schedules with a lateness series of their own; the rest share {@link #OTHER_SCHEDULES}. */
    static final int SCHEDULE_LABELS = 100;

    static final String OTHER_SCHEDULES = "_other";

    private static final Duration[] LATENESS_BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
        Duration.ofMinutes(1)
    };

    private final Map<String, Timer> lateness = new ConcurrentHashMap<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<Tags, AtomicInteger> running = new ConcurrentHashMap<>();
    private volatile java.util.function.LongSupplier spansDropped = () -> 0;
    private final String instance;

    /** @param instance the daemon's name, the {@code instance} label of the run and test metrics */
    public DaemonMetrics(String instance) {
        this.instance = instance;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Makes the suite's running gauge show 0 before its first run, so dashboards list every suite. */
    public void suite(String namespace, String suite) {
        runningOf(namespace, suite);
    }

    public void runStarted(String namespace, String suite) {
        runningOf(namespace, suite).incrementAndGet();
    }

    /** Called once per {@link #runStarted}, whether the execution ended the run or stopped resumably. */
    public void runStopped(String namespace, String suite) {
        runningOf(namespace, suite).updateAndGet(value -> Math.max(0, value - 1));
    }

    /**
     * @param result how the run ended: {@code passed}, {@code failed} or {@code cancelled}
     * @param flaky whether a test of the run passed only after a failed attempt
     */
    public void runFinished(String namespace, String suite, String result, boolean flaky, Duration duration) {
        Counter.builder("handoff.testsuites.started")
                .description("Suite runs that executed, by result")
                .tags(instanceTags(namespace, suite).and("result", result).and("flaky", flaky ? "1" : "0"))
                .register(registry)
                .increment();
        Timer.builder("handoff.testsuite.duration")
                .description("How long suite runs took to execute")
                .tags(suiteTags(namespace, suite))
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry)
                .record(duration.isNegative() ? Duration.ZERO : duration);
    }

    /** @param result the test's result label in the run */
    public void testFinished(String namespace, String suite, String result, boolean flaky) {
        Counter.builder("handoff.tests.run")
                .description("Tests that executed, by their result in the run")
                .tags(instanceTags(namespace, suite).and("result", result))
                .register(registry)
                .increment();
        if (flaky) {
            Counter.builder("handoff.tests.flaky")
                    .description("Tests that passed after a failed attempt")
                    .tags(suiteTags(namespace, suite))
                    .register(registry)
                    .increment();
        }
    }

    /** A hook call threw, timed out, or could not be queued. */
    public void hookError(String hook) {
        Counter.builder("handoff.hook.errors")
                .description("Hook calls that threw, timed out or were dropped")
                .tag("hook", hook)
                .register(registry)
                .increment();
    }

    /** Makes the hook's error counter show 0 until its first error. */
    public void hook(String hook) {
        Counter.builder("handoff.hook.errors")
                .description("Hook calls that threw, timed out or were dropped")
                .tag("hook", hook)
                .register(registry);
    }

    /** A fire of the schedule began this late (zero when on time). */
    public void scheduleFired(String schedule, Duration lateness) {
        Timer timer = this.lateness.get(schedule);
        if (timer == null) {
            synchronized (this.lateness) {
                timer = this.lateness.computeIfAbsent(
                        this.lateness.size() < SCHEDULE_LABELS ? schedule : OTHER_SCHEDULES, this::latenessTimer);
            }
        }
        timer.record(lateness);
    }

    /** The schedule is gone: so is its lateness series, and its label is free for another. */
    public void scheduleDeleted(String schedule) {
        synchronized (lateness) {
            Timer timer = lateness.remove(schedule);
            if (timer != null && !schedule.equals(OTHER_SCHEDULES)) {
                registry.remove(timer);
            }
        }
    }

    private Timer latenessTimer(String schedule) {
        return Timer.builder("handoff.schedule.fire.lateness")
                .description("How late fires of schedules began after their scheduled time")
                .tag("schedule", schedule)
                .serviceLevelObjectives(LATENESS_BUCKETS)
                .register(registry);
    }

    /**
     * {@code handoff_spans_dropped_total}: spans of runs and attempts that were never delivered to
     * the OTLP collector (it was unreachable or too slow, or the export queue was full).
     */
    public void spansDropped(java.util.function.LongSupplier dropped) {
        // Micrometer holds a function counter's object weakly: this object, which the daemon keeps, holds the supplier.
        this.spansDropped = dropped;
        io.micrometer.core.instrument.FunctionCounter.builder(
                        "handoff.spans.dropped", this, metrics -> (double) metrics.spansDropped.getAsLong())
                .description("Spans not exported: the collector was unreachable or slow, or the queue was full")
                .register(registry);
    }

    /** The registry, for the meters other parts keep ({@link StabilityMetrics}). */
    public MeterRegistry registry() {
        return registry;
    }

    /** Everything in the Prometheus text exposition format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private AtomicInteger runningOf(String namespace, String suite) {
        return running.computeIfAbsent(instanceTags(namespace, suite), tags -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("handoff.testsuites.running", value, AtomicInteger::get)
                    .description("Suite runs executing now")
                    .tags(tags)
                    .register(registry);
            return value;
        });
    }

    private static Tags suiteTags(String namespace, String suite) {
        return Tags.of("namespace", namespace, "suite_name", suite);
    }

    /** The Go project's metrics carry the daemon's name besides the suite. */
    private Tags instanceTags(String namespace, String suite) {
        return suiteTags(namespace, suite).and("instance", instance);
    }
}
