package dev.handoff.benchmarks;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.model.ScheduleDefinition;
import dev.handoff.daemon.model.ScheduleFire;
import dev.handoff.daemon.model.ScheduleStatus;
import dev.handoff.daemon.schedule.FireLateness;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.quartz.CronExpression;

/**
 * Issue 22's targets for schedules, three modes:
 *
 * <ul>
 *   <li>{@code schedules}: {@value #SCHEDULES} schedules {@code every 1s} for {@value #SECONDS} s
 *       on one daemon (H2): at least 99% of fires start within 100 ms of their time, none lost;
 *   <li>{@code schedules-cluster}: the same on {@value #REPLICAS} replicas sharing PostgreSQL
 *       (Quartz's clustered job store), where also no fire is handled twice;
 *   <li>{@code schedules-minutely}: {@value #MINUTELY} schedules firing at the start of every
 *       minute ({@code 0 * * * * ?}) for {@value #MINUTES} minutes on one daemon: none lost, p99
 *       lateness under 1 s.
 * </ul>
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar schedules [--schedules 100] [--seconds 60]
 * java -jar benchmarks/target/benchmarks.jar schedules-cluster [--schedules 100] [--seconds 60] [--replicas 3]
 * java -jar benchmarks/target/benchmarks.jar schedules-minutely [--schedules 1000] [--seconds 180]</pre>
 *
 * <p>Daemons of this process (library mode, default settings) with one generated suite per
 * schedule, so that each schedule's runs queue only behind its own. Lateness is the time a daemon
 * began to handle a fire minus its scheduled time, as the daemons record it. At the end the
 * daemons stop firing, and each schedule's due ticks up to {@value #GRACE_SECONDS} s before then
 * are counted against its fires (runs plus skipped fires) due up to then: a tick without a fire is
 * lost. Skipped fires (the previous run had not started) are by design and counted apart. A fire
 * handed out twice shows as a duplicate the daemons refused, or as more fires handled than stored.
 *
 * <p>Each mode also prints the lateness of a {@link TickBaseline} (a plain timer ticking the same
 * schedules in this process: the machine's noise), the commits and statements per fire of Quartz's
 * threads ({@link SchedulingCommits}) and the load average, so that figures from a loaded machine
 * can be read as ratios.
 */
final class ScheduleBenchmark {

    static final int SCHEDULES = 100;
    static final int SECONDS = 60;
    static final int REPLICAS = 3;
    static final int MINUTELY = 1000;
    static final int MINUTES = 3;
    static final double WITHIN_TARGET = 0.99;
    static final Duration LATENESS_LIMIT = Duration.ofMillis(100);
    static final Duration MINUTELY_P99_LIMIT = Duration.ofSeconds(1);
    /** Ticks this close to the end are not counted: their fires may still be under way. */
    static final int GRACE_SECONDS = 5;

    private ScheduleBenchmark() {}

    static void run(String[] args) throws Exception {
        ModeOptions options = ModeOptions.parse(args, Map.of("--schedules", SCHEDULES, "--seconds", SECONDS));
        int schedules = options.get("--schedules");
        int seconds = options.get("--seconds");
        System.out.printf(
                Locale.ROOT,
                "Schedules: %d schedules every 1s for %d s, one suite each, a daemon in this process%n",
                schedules,
                seconds);
        try (TempFolder folder = TempFolder.create("handoff-bench-schedules-");
                SchedulingCommits commits = SchedulingCommits.install()) {
            List<String> names = names(schedules);
            Path suites = SuiteClasses.compile(folder.resolve("suites"), "bench.schedules", names, 1);
            try (Handoff daemon = start(Handoff.builder().dataDir(folder.resolve("data")), suites)) {
                Result result = measure(List.of(daemon), names, Optional.of("1s"), Optional.empty(), seconds, commits);
                result.print();
                result.verdict(false);
            }
        }
    }

    static void runMinutely(String[] args) throws Exception {
        ModeOptions options = ModeOptions.parse(args, Map.of("--schedules", MINUTELY, "--seconds", MINUTES * 60));
        int schedules = options.get("--schedules");
        int seconds = options.get("--seconds");
        System.out.printf(
                Locale.ROOT,
                "Schedules: %d schedules at the start of every minute (0 * * * * ?) for %d s, one suite each,"
                        + " a daemon in this process%n",
                schedules,
                seconds);
        try (TempFolder folder = TempFolder.create("handoff-bench-minutely-");
                SchedulingCommits commits = SchedulingCommits.install()) {
            List<String> names = names(schedules);
            Path suites = SuiteClasses.compile(folder.resolve("suites"), "bench.schedules", names, 1);
            try (Handoff daemon = start(Handoff.builder().dataDir(folder.resolve("data")), suites)) {
                Result result =
                        measure(List.of(daemon), names, Optional.empty(), Optional.of("0 * * * * ?"), seconds, commits);
                result.print();
                long p99 = result.lateness().percentileMillis(0.99);
                System.out.printf(
                        Locale.ROOT,
                        "  p99 lateness %d ms (target < %d ms): %s; lost %d (target 0): %s%n",
                        p99,
                        MINUTELY_P99_LIMIT.toMillis(),
                        p99 < MINUTELY_P99_LIMIT.toMillis() ? "PASS" : "FAIL",
                        result.lost(),
                        result.lost() == 0 ? "PASS" : "FAIL");
            }
        }
    }

    static void runCluster(String[] args) throws Exception {
        ModeOptions options =
                ModeOptions.parse(args, Map.of("--schedules", SCHEDULES, "--seconds", SECONDS, "--replicas", REPLICAS));
        int schedules = options.get("--schedules");
        int seconds = options.get("--seconds");
        int replicas = options.get("--replicas");
        System.out.printf(
                Locale.ROOT,
                "Schedules: %d schedules every 1s for %d s, one suite each, %d replicas (in this process)"
                        + " on PostgreSQL%n",
                schedules,
                seconds,
                replicas);
        String given = System.getenv("HANDOFF_BENCH_DB_URL");
        try (TempFolder folder = TempFolder.create("handoff-bench-schedules-cluster-");
                LocalPostgres postgres = given == null ? LocalPostgres.start() : null;
                SchedulingCommits commits = SchedulingCommits.install()) {
            String url = given != null ? given : postgres.url();
            String user =
                    given != null ? System.getenv().getOrDefault("HANDOFF_BENCH_DB_USER", "") : LocalPostgres.USER;
            String password = given != null ? System.getenv().getOrDefault("HANDOFF_BENCH_DB_PASSWORD", "") : "";
            List<String> names = names(schedules);
            Path suites = SuiteClasses.compile(folder.resolve("suites"), "bench.schedules", names, 1);
            List<Handoff> daemons = new ArrayList<>();
            try {
                for (int i = 0; i < replicas; i++) {
                    daemons.add(start(
                            Handoff.builder()
                                    .dataDir(folder.resolve("data-" + i))
                                    .database(url, user, password),
                            suites));
                }
                Result result = measure(daemons, names, Optional.of("1s"), Optional.empty(), seconds, commits);
                result.print();
                List<String> spread = new ArrayList<>();
                for (int i = 0; i < daemons.size(); i++) {
                    spread.add("replica " + (i + 1) + ": "
                            + daemons.get(i).schedules().lateness().count());
                }
                System.out.println("  fires per replica: " + String.join(", ", spread));
                result.verdict(true);
            } finally {
                daemons.forEach(Handoff::close);
            }
        }
    }

    private static List<String> names(int schedules) {
        return IntStream.rangeClosed(1, schedules)
                .mapToObj(i -> String.format(Locale.ROOT, "ScheduledSuite%04d", i))
                .toList();
    }

    private static Handoff start(Handoff.Builder builder, Path suites) {
        Handoff daemon =
                builder.suitesPath(suites).host("127.0.0.1").port(0).build().start();
        if (!daemon.awaitReady(Duration.ofSeconds(60))) {
            daemon.close();
            throw new IllegalStateException("a daemon was not ready within 60 s");
        }
        return daemon;
    }

    /**
     * Makes the schedules (round-robin over the daemons), lets them fire for {@code seconds}, stops
     * firing everywhere and counts.
     */
    private static Result measure(
            List<Handoff> daemons,
            List<String> names,
            Optional<String> every,
            Optional<String> cron,
            int seconds,
            SchedulingCommits commits)
            throws InterruptedException {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            daemons.get(i % daemons.size())
                    .schedules()
                    .put(new ScheduleDefinition(name, name, cron, every, Optional.empty(), 0, Optional.empty(), false));
        }
        long commitsBefore = commits.commits();
        long statementsBefore = commits.statements();
        long firesBefore = handled(daemons).count();
        try (TickBaseline baseline = cron.isPresent()
                ? TickBaseline.minutely(names.size())
                : TickBaseline.every(names.size(), Duration.ofSeconds(1))) {
            Thread.sleep(Duration.ofSeconds(seconds));
            baseline.stop();
            Instant stopped = Instant.now();
            FireLateness lateness = handled(daemons);
            double fires = Math.max(1, lateness.count() - firesBefore);
            double commitsPerFire = (commits.commits() - commitsBefore) / fires;
            double statementsPerFire = (commits.statements() - statementsBefore) / fires;
            daemons.forEach(daemon -> daemon.schedules().standby());
            Thread.sleep(Duration.ofSeconds(1)); // fires under way end
            Instant cutoff = stopped.minusSeconds(GRACE_SECONDS);
            lateness = handled(daemons);
            long duplicates = 0;
            for (Handoff daemon : daemons) {
                duplicates += daemon.schedules().duplicateFires();
            }
            Handoff any = daemons.get(0);
            long lost = 0;
            long runs = 0;
            long skipped = 0;
            for (ScheduleStatus status : any.schedules().list()) {
                String name = status.stored().name();
                long fired = status.stored().runCount() + status.stored().skippedFires();
                runs += status.stored().runCount();
                skipped += status.stored().skippedFires();
                long firedLate = any.schedules().recentFires(name).stream()
                        .filter(fire -> fire.scheduledAt().isAfter(cutoff))
                        .filter(fire -> fire.outcome() != ScheduleFire.Outcome.FAILED)
                        .count();
                lost += Math.max(0, due(status, cutoff) - (fired - firedLate));
            }
            return new Result(
                    lateness, runs, skipped, lost, duplicates, baseline.lateness(), commitsPerFire, statementsPerFire);
        }
    }

    private static FireLateness handled(List<Handoff> daemons) {
        FireLateness lateness = new FireLateness();
        for (Handoff daemon : daemons) {
            lateness.add(daemon.schedules().lateness());
        }
        return lateness;
    }

    /** The schedule's ticks after it was made, up to the cutoff. */
    private static long due(ScheduleStatus status, Instant cutoff) {
        ScheduleDefinition definition = status.stored().definition();
        Instant made = status.stored().startedAt();
        if (definition.every().isPresent()) {
            long interval = Duration.parse("PT" + definition.every().get().toUpperCase(Locale.ROOT))
                    .toMillis();
            return Math.max(0, Duration.between(made, cutoff).toMillis() / interval);
        }
        try {
            CronExpression cron = new CronExpression(definition.cron().orElseThrow());
            long ticks = 0;
            for (Date next = cron.getNextValidTimeAfter(Date.from(made));
                    next != null && !next.toInstant().isAfter(cutoff);
                    next = cron.getNextValidTimeAfter(next)) {
                ticks++;
            }
            return ticks;
        } catch (ParseException e) {
            throw new IllegalStateException("the benchmark's cron does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * @param lost ticks due up to the cutoff without a fire
     * @param duplicates fires the daemons refused as handled already
     */
    private record Result(
            FireLateness lateness,
            long runs,
            long skipped,
            long lost,
            long duplicates,
            FireLateness baseline,
            double commitsPerFire,
            double statementsPerFire) {

        void print() {
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
                    "  daemon:   %s%n  baseline: %s (a plain ScheduledExecutorService in this process, same"
                            + " schedules: the machine's noise)%n",
                    TickBaseline.describe(lateness, LATENESS_LIMIT),
                    TickBaseline.describe(baseline, LATENESS_LIMIT));
            System.out.printf(
                    Locale.ROOT,
                    "  p99 lateness daemon / baseline: %d ms / %d ms; late beyond %d ms: daemon %.2f%%, baseline %.2f%%%n",
                    lateness.percentileMillis(0.99),
                    baseline.percentileMillis(0.99),
                    LATENESS_LIMIT.toMillis(),
                    (1 - lateness.shareWithin(LATENESS_LIMIT)) * 100,
                    (1 - baseline.shareWithin(LATENESS_LIMIT)) * 100);
            System.out.printf(
                    Locale.ROOT,
                    "  database work per fire (Quartz's threads, fire handling included): %.2f commits, %.1f"
                            + " statements%n",
                    commitsPerFire,
                    statementsPerFire);
            System.out.printf(Locale.ROOT, "  load average at the end: %s%n", loadAverage());
        }

        /** @param once whether to check that no fire was handled twice (replicas) */
        void verdict(boolean once) {
            double share = lateness.shareWithin(LATENESS_LIMIT);
            System.out.printf(
                    Locale.ROOT,
                    "  %.2f%% of fires within %d ms (target >= %.0f%%): %s; lost %d (target 0): %s%n",
                    share * 100,
                    LATENESS_LIMIT.toMillis(),
                    WITHIN_TARGET * 100,
                    share >= WITHIN_TARGET ? "PASS" : "FAIL",
                    lost,
                    lost == 0 ? "PASS" : "FAIL");
            if (once) {
                long handledTwice = duplicates + Math.max(0, lateness.count() - runs - skipped);
                System.out.printf(
                        Locale.ROOT,
                        "  fires handled twice %d (refused duplicates %d; handled %d, stored %d) (target 0): %s%n",
                        handledTwice,
                        duplicates,
                        lateness.count(),
                        runs + skipped,
                        handledTwice == 0 ? "PASS" : "FAIL");
            }
        }
    }

    private static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
    }
}
