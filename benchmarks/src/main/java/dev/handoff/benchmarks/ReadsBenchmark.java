package dev.handoff.benchmarks;

import dev.handoff.daemon.Handoff;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Read throughput against the server's raw speed: requests per second of a finished run's JSON
 * ({@value #TESTS_PER_RUN} tests), a page of 50 runs and {@code GET /suites} ({@value #SUITES}
 * suites), each as a share of {@code GET /healthz} on the same daemon, under a closed-loop load of
 * {@code --connections} (default 50) kept-alive connections, as {@code wrk -t2 -c50} gives it.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar reads [--seconds 5] [--warmup 3] [--rounds 2] [--connections 50]</pre>
 *
 * <p>Targets: run detail at least {@value #RUN_SHARE_TARGET} of {@code /healthz} and at least
 * {@value #RUN_RATE_TARGET} requests/s with p99 under {@value #RUN_P99_TARGET_MILLIS} ms; the page
 * of runs and {@code GET /suites} at least {@value #LIST_SHARE_TARGET}. The daemon runs in this JVM
 * (the load's virtual threads share its cores, as {@code wrk} on the same machine would); each round
 * measures every path once in turn, {@code /healthz} first, and each share is the median over rounds
 * of the path's rate over that round's {@code /healthz} rate, which cancels most of a shared
 * machine's drift. Bounded in time: rounds x 4 x (warm-up + seconds).
 */
final class ReadsBenchmark {

    static final int SUITES = 50;
    static final int RUNS_PER_SUITE = 60;
    static final int TESTS_PER_RUN = 5;
    static final double RUN_SHARE_TARGET = 0.25;
    static final double RUN_RATE_TARGET = 10_000;
    static final double RUN_P99_TARGET_MILLIS = 20;
    static final double LIST_SHARE_TARGET = 0.15;

    private ReadsBenchmark() {}

    private record Read(String name, String path, double shareTarget) {}

    static void run(String[] args) throws IOException {
        ModeOptions options =
                ModeOptions.parse(args, Map.of("--seconds", 5, "--warmup", 3, "--rounds", 2, "--connections", 50));
        int connections = options.get("--connections");
        Duration warmup = Duration.ofSeconds(options.get("--warmup"));
        Duration measured = Duration.ofSeconds(options.get("--seconds"));
        int rounds = options.get("--rounds");
        List<String> suites = IntStream.rangeClosed(1, SUITES)
                .mapToObj(i -> String.format(Locale.ROOT, "ReadSuite%02d", i))
                .toList();
        System.out.printf(
                Locale.ROOT,
                "Reads: requests/s on %d kept-alive connections, %d s warm-up + %d s per path, %d rounds;"
                        + " load average %.2f, %d cores%n",
                connections,
                warmup.toSeconds(),
                measured.toSeconds(),
                rounds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        try (TempFolder folder = TempFolder.create("handoff-bench-reads-")) {
            Path classes = SuiteClasses.compile(folder.resolve("suites"), "bench.reads", suites, TESTS_PER_RUN);
            SeededHistory history = SeededHistory.seed(folder.resolve("data"), suites, RUNS_PER_SUITE, TESTS_PER_RUN);
            System.out.printf(Locale.ROOT, "  seeded %,d runs, %,d attempts%n", history.runs(), history.attempts());
            List<Read> reads = List.of(
                    new Read("GET /healthz", "/healthz", 1.0),
                    new Read(
                            "run detail (" + TESTS_PER_RUN + " tests)",
                            "/suites/" + suites.get(1) + "/runs/1",
                            RUN_SHARE_TARGET),
                    new Read("page of 50 runs", "/suites/" + suites.get(1) + "/runs?limit=50", LIST_SHARE_TARGET),
                    new Read("GET /suites (" + SUITES + " suites)", "/suites", LIST_SHARE_TARGET));
            try (Handoff daemon = Handoff.builder()
                    .suitesPath(classes)
                    .host("127.0.0.1")
                    .port(0)
                    .dataDir(history.dataDir())
                    .build()
                    .start()) {
                if (!daemon.awaitReady(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("the daemon was not ready within 60 s");
                }
                report(reads, measure(daemon.url(), reads, connections, warmup, measured, rounds));
            }
        }
    }

    /** Results by round, then by read. */
    private static List<List<HttpLoad.Result>> measure(
            URI base, List<Read> reads, int connections, Duration warmup, Duration measured, int rounds) {
        List<List<HttpLoad.Result>> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<HttpLoad.Result> thisRound = new ArrayList<>();
            for (Read read : reads) {
                HttpLoad.Result result = HttpLoad.run(base, read.path(), connections, warmup, measured, 200);
                System.out.printf(
                        Locale.ROOT,
                        "  round %d  %-26s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms%n",
                        round,
                        read.name(),
                        result.perSecond(),
                        result.latencies().medianMillis(),
                        result.latencies().percentileMillis(99));
                thisRound.add(result);
            }
            results.add(thisRound);
        }
        return results;
    }

    private static void report(List<Read> reads, List<List<HttpLoad.Result>> results) {
        System.out.printf(
                Locale.ROOT,
                "  %-26s %10s %9s %9s   %-22s%n",
                "read (median of rounds)",
                "req/s",
                "p99 ms",
                "of healthz",
                "target");
        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        for (int r = 0; r < reads.size(); r++) {
            int index = r;
            double rate = Samples.median(results.stream()
                    .mapToDouble(round -> round.get(index).perSecond())
                    .toArray());
            double p99 = Samples.median(results.stream()
                    .mapToDouble(round -> round.get(index).latencies().percentileMillis(99))
                    .toArray());
            double share = Samples.median(results.stream()
                    .mapToDouble(round ->
                            round.get(index).perSecond() / round.getFirst().perSecond())
                    .toArray());
            Read read = reads.get(r);
            String target;
            if (r == 0) {
                target = "";
            } else if (read.shareTarget() == RUN_SHARE_TARGET) {
                boolean pass = share >= RUN_SHARE_TARGET && rate >= RUN_RATE_TARGET && p99 < RUN_P99_TARGET_MILLIS;
                verdicts.put(read.name(), pass);
                target = String.format(
                        Locale.ROOT,
                        ">= %.0f%%, >= %,.0f/s, p99 < %.0f ms %s",
                        RUN_SHARE_TARGET * 100,
                        RUN_RATE_TARGET,
                        RUN_P99_TARGET_MILLIS,
                        pass ? "PASS" : "FAIL");
            } else {
                boolean pass = share >= read.shareTarget();
                verdicts.put(read.name(), pass);
                target = String.format(Locale.ROOT, ">= %.0f%% %s", read.shareTarget() * 100, pass ? "PASS" : "FAIL");
            }
            System.out.printf(
                    Locale.ROOT, "  %-26s %10.0f %9.2f %9.1f%%   %s%n", read.name(), rate, p99, share * 100, target);
        }
        System.out.printf(
                Locale.ROOT,
                "  load average at the end %.2f; reads %s%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                verdicts.containsValue(false) ? "FAIL" : "PASS");
    }
}
