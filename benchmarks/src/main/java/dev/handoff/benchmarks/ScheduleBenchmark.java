package dev.handoff.benchmarks;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.model.ScheduleDefinition;
import dev.handoff.daemon.model.ScheduleStatus;
import dev.handoff.daemon.schedule.FireLateness;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Issue 4's target: {@value #SCHEDULES} schedules {@code every 1s} for {@value #SECONDS} s, at
 * least 99% of fires starting within 100 ms of their scheduled time, and none lost.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar schedules [--schedules 100] [--seconds 60]</pre>
 *
 * <p>A daemon in this process (library mode, default settings) with one generated suite per
 * schedule, so that each schedule's runs queue only behind its own. Lateness is Quartz's fire
 * time minus the scheduled time, as the daemon records it when a fire starts. A fire is lost when
 * it neither started a run nor was counted as skipped: per schedule, the ticks due since it was
 * made, less one for the tick at the end of the window, against its runs plus skipped fires.
 */
final class ScheduleBenchmark {

    static final int SCHEDULES = 100;
    static final int SECONDS = 60;
    static final double WITHIN_TARGET = 0.99;
    static final Duration LATENESS_LIMIT = Duration.ofMillis(100);

    private ScheduleBenchmark() {}

    static void run(String[] args) throws IOException, InterruptedException {
        ModeOptions options = ModeOptions.parse(args, Map.of("--schedules", SCHEDULES, "--seconds", SECONDS));
        int schedules = options.get("--schedules");
        int seconds = options.get("--seconds");
        List<String> names = IntStream.rangeClosed(1, schedules)
                .mapToObj(i -> String.format(Locale.ROOT, "ScheduledSuite%03d", i))
                .toList();
        try (TempFolder folder = TempFolder.create("handoff-bench-schedules-")) {
            Path suites = SuiteClasses.compile(folder.resolve("suites"), "bench.schedules", names, 1);
            try (Handoff daemon = Handoff.builder()
                    .suitesPath(suites)
                    .host("127.0.0.1")
                    .port(0)
                    .dataDir(folder.resolve("data"))
                    .build()
                    .start()) {
                if (!daemon.awaitReady(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("the daemon was not ready within 30 s");
                }
                System.out.printf(
                        Locale.ROOT,
                        "Schedules: %d schedules every 1s for %d s, one suite each, a daemon in this process%n",
                        schedules,
                        seconds);
                for (String name : names) {
                    daemon.schedules()
                            .put(new ScheduleDefinition(
                                    name,
                                    name,
                                    Optional.empty(),
                                    Optional.of("1s"),
                                    Optional.empty(),
                                    0,
                                    Optional.empty(),
                                    false));
                }
                Thread.sleep(Duration.ofSeconds(seconds));
                report(daemon, Instant.now());
            }
        }
    }

    private static void report(Handoff daemon, Instant now) {
        FireLateness lateness = daemon.schedules().lateness();
        long lost = 0;
        long runs = 0;
        long skipped = 0;
        for (ScheduleStatus status : daemon.schedules().list()) {
            long due = Duration.between(status.stored().startedAt(), now).toSeconds();
            long fired = status.stored().runCount() + status.stored().skippedFires();
            lost += Math.max(0, due - 1 - fired);
            runs += status.stored().runCount();
            skipped += status.stored().skippedFires();
        }
        double within = lateness.shareWithin(LATENESS_LIMIT);
        System.out.printf(
                Locale.ROOT,
                "  fires %d (runs %d, skipped %d), lost %d; lateness p50 %d ms, p99 %d ms, max<= %d ms%n",
                lateness.count(),
                runs,
                skipped,
                lost,
                lateness.percentileMillis(0.5),
                lateness.percentileMillis(0.99),
                lateness.percentileMillis(1.0));
        System.out.printf(
                Locale.ROOT,
                "  %.2f%% of fires within %d ms (target >= %.0f%%): %s; lost %d (target 0): %s%n",
                within * 100,
                LATENESS_LIMIT.toMillis(),
                WITHIN_TARGET * 100,
                within >= WITHIN_TARGET ? "PASS" : "FAIL",
                lost,
                lost == 0 ? "PASS" : "FAIL");
    }
}
