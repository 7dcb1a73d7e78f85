package dev.handoff.benchmarks;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.store.CachedRunStore;
import dev.handoff.daemon.store.RunReads.RunQuery;
import dev.handoff.daemon.store.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/**
 * What a long history costs the API: with {@value #BIG_RUNS_PER_SUITE}&nbsp;x&nbsp;{@value #SUITES}
 * = 100,000 runs of {@value #TESTS_PER_RUN} tests (about 1,000,000 attempts) stored, {@code GET
 * /suites} ({@value #SUITES} suites with their latest run) p99 &lt;= 20 ms, a page of 50 runs p99
 * &lt;= 10 ms, a run of 100 tests p99 &lt;= 10 ms; and each p99 is at most {@value #GROWTH_TARGET}
 * x its p99 with about 10,000 attempts stored. The stability of a suite's tests ({@code GET
 * /suites/{suite}/tests}: its {@value #TESTS_PER_RUN} tests judged over its last 50 finished runs)
 * has the target of {@code GET /suites}: p99 &lt;= 20 ms, and so has one test's ({@code GET
 * /suites/{suite}/tests/{test}}: its stability, result strip of 50 runs and last 50 outcomes).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar history [--warmups 200] [--requests 2000] [--big-runs 2000]</pre>
 *
 * <p>{@code --big-runs} is the runs per suite of the big database (2,000: about 1,000,000
 * attempts); fewer make a quicker, smaller comparison.
 *
 * <p>Two databases are seeded with {@code BulkLoader} ({@link SeededHistory}) and a daemon is
 * started in this JVM on each, serving the same {@value #SUITES} generated suites. The small one
 * holds 1,000 runs (about 10,000 attempts): {@value #SMALL_RUNS_OF_PAGED} runs of each of the first
 * {@value #PAGED_SUITES} suites, whose newest pages of 50 runs are the pages requested from both
 * databases (a page must be full to compare like with like), and {@value #SMALL_RUNS_OF_OTHERS} of
 * each other suite.
 *
 * <p>Requests go over one keep-alive connection per daemon, one at a time, and alternate between
 * the request kinds and the two daemons, so that a busy neighbour on a shared machine slows both
 * databases alike and their ratio stays fair. Each request is followed by the same read straight
 * from the daemon's store, timed too, which tells the database's share from that of HTTP and JSON.
 *
 * <p>The daemon keeps finished runs, pages of runs and suites' latest runs in memory ({@link
 * CachedRunStore}): over HTTP, those three requests time the cache after their first sending, as a
 * client sees it. The store reads beside them go to the database under the cache, every time, so
 * the "store" columns and their growth are the database path. Stability is never cached on the
 * API (only the overview's panels keep it for 5 s), so both of its columns are the database path.
 */
final class HistoryBenchmark {

    static final int SUITES = 50;
    static final int TESTS_PER_RUN = 10;
    static final int PAGED_SUITES = 10;
    static final int SMALL_RUNS_OF_PAGED = 60;
    static final int SMALL_RUNS_OF_OTHERS = 10;
    static final int BIG_RUNS_PER_SUITE = 2_000;
    static final double GROWTH_TARGET = 1.5;

    private HistoryBenchmark() {}

    static void run(String[] args) throws IOException {
        ModeOptions options = ModeOptions.parse(
                args, Map.of("--warmups", 200, "--requests", 2_000, "--big-runs", BIG_RUNS_PER_SUITE));
        List<String> suites = IntStream.rangeClosed(1, SUITES)
                .mapToObj(i -> String.format(Locale.ROOT, "HistorySuite%02d", i))
                .toList();
        System.out.printf(
                Locale.ROOT,
                "History: API latency over keep-alive HTTP with a small and a big seeded database,"
                        + " %d suites; %d warm-up and %d measured requests of each kind on each%n",
                SUITES,
                options.get("--warmups"),
                options.get("--requests"));
        try (TempFolder folder = TempFolder.create("handoff-bench-history-")) {
            Path classes = SuiteClasses.compile(folder.resolve("suites"), "bench.history", suites, TESTS_PER_RUN);
            Map<String, Integer> smallRuns = new LinkedHashMap<>();
            Map<String, Integer> bigRuns = new LinkedHashMap<>();
            for (int i = 0; i < suites.size(); i++) {
                smallRuns.put(suites.get(i), i < PAGED_SUITES ? SMALL_RUNS_OF_PAGED : SMALL_RUNS_OF_OTHERS);
                bigRuns.put(suites.get(i), options.get("--big-runs"));
            }
            SeededHistory small = seed(folder.resolve("small"), smallRuns);
            SeededHistory big = seed(folder.resolve("big"), bigRuns);
            try (Handoff smallDaemon = start(classes, small.dataDir());
                    Handoff bigDaemon = start(classes, big.dataDir())) {
                List<Target> targets = List.of(
                        new Target("small", new ApiClient(smallDaemon.url()), requests(suites, small, smallDaemon)),
                        new Target("big", new ApiClient(bigDaemon.url()), requests(suites, big, bigDaemon)));
                Measured measured = measure(targets, options.get("--warmups"), options.get("--requests"));
                report(targets, measured);
            }
        }
    }

    /** A daemon and the requests to send it. */
    private record Target(String database, ApiClient api, List<HistoryRequest> requests) {}

    private static SeededHistory seed(Path dataDir, Map<String, Integer> runsBySuite) {
        SeededHistory history = SeededHistory.seed(dataDir, runsBySuite, TESTS_PER_RUN);
        System.out.printf(
                Locale.ROOT,
                "  seeded %,d runs and %,d attempts in %.1f s (%s; run of %d tests: %s)%n",
                history.runs(),
                history.attempts(),
                history.seeding().toMillis() / 1000.0,
                dataDir.getFileName(),
                SeededHistory.WIDE_RUN_TESTS,
                history.wideRun());
        return history;
    }

    private static List<HistoryRequest> requests(List<String> suites, SeededHistory history, Handoff daemon) {
        // The database path: the daemon's store answers finished runs, pages and latest runs from
        // its cache after the first read, which would time a map lookup.
        RunStore store = daemon.store() instanceof CachedRunStore cached ? cached.uncached() : daemon.store();
        RunId wideRun = history.wideRun();
        String wideRunPath = "suites/" + wideRun.suite() + "/runs/" + wideRun.number();
        RunQuery page = new RunQuery(50, OptionalLong.empty(), Optional.empty(), Optional.empty());
        return List.of(
                new HistoryRequest(
                        "GET /suites (" + SUITES + " suites)",
                        20,
                        i -> "suites",
                        i -> store.latestRuns(suites),
                        "suites",
                        SUITES),
                new HistoryRequest(
                        "page of 50 runs",
                        10,
                        i -> "suites/" + suites.get(i % PAGED_SUITES) + "/runs?limit=50",
                        i -> store.runs(suites.get(i % PAGED_SUITES), page),
                        "runs",
                        50),
                new HistoryRequest(
                        "run of " + SeededHistory.WIDE_RUN_TESTS + " tests",
                        10,
                        i -> wideRunPath,
                        i -> store.detail(wideRun),
                        "tests",
                        SeededHistory.WIDE_RUN_TESTS),
                new HistoryRequest(
                        "stability of " + TESTS_PER_RUN + " tests",
                        20,
                        // not the first suite: its wide run of 100 tests is in the window
                        i -> "suites/" + suites.get(1 + i % (PAGED_SUITES - 1)) + "/tests",
                        i -> daemon.stability()
                                .suite(suites.get(1 + i % (PAGED_SUITES - 1)), java.util.OptionalInt.empty()),
                        "tests",
                        TESTS_PER_RUN),
                new HistoryRequest(
                        "a test's stability",
                        20,
                        i -> "suites/" + suites.get(1 + i % (PAGED_SUITES - 1)) + "/tests/test" + (i % TESTS_PER_RUN),
                        // what the route reads: the test's last 50 outcomes, its stability, its quarantine audit
                        i -> {
                            String suite = suites.get(1 + i % (PAGED_SUITES - 1));
                            String test = "test" + (i % TESTS_PER_RUN);
                            return List.of(
                                    store.testHistory(suite, test, 50),
                                    daemon.stability().test(suite, test, java.util.OptionalInt.empty()),
                                    daemon.stability().audit(suite, test));
                        },
                        "strip",
                        50));
    }

    private static Handoff start(Path classes, Path dataDir) {
        Handoff daemon = Handoff.builder()
                .suitesPath(classes)
                .host("127.0.0.1")
                .port(0)
                .dataDir(dataDir)
                .build()
                .start();
        if (!daemon.awaitReady(Duration.ofSeconds(60))) {
            daemon.close();
            throw new IllegalStateException("the daemon on " + dataDir + " was not ready within 60 s");
        }
        return daemon;
    }

    /** Durations by target, then by request kind: of the HTTP requests, and of the same reads from the store. */
    private record Measured(List<List<Samples>> http, List<List<Samples>> store) {}

    private static Measured measure(List<Target> targets, int warmups, int requests) {
        Measured measured = new Measured(new ArrayList<>(), new ArrayList<>());
        for (Target target : targets) {
            measured.http()
                    .add(target.requests().stream()
                            .map(r -> new Samples(requests))
                            .toList());
            measured.store()
                    .add(target.requests().stream()
                            .map(r -> new Samples(requests))
                            .toList());
        }
        for (int i = -warmups; i < requests; i++) {
            for (int t = 0; t < targets.size(); t++) {
                Target target = targets.get(t);
                for (int r = 0; r < target.requests().size(); r++) {
                    HistoryRequest request = target.requests().get(r);
                    int sending = i + warmups;
                    ApiClient.Answer answer = target.api().get(request.path().apply(sending));
                    if (i == -warmups) {
                        request.check(answer, target.database());
                    } else if (answer.status() != 200) {
                        answer.expect(200, "GET /" + request.path().apply(sending));
                    }
                    long storeNanos = request.timeStoreRead(sending);
                    if (i >= 0) {
                        measured.http().get(t).get(r).add(answer.nanos());
                        measured.store().get(t).get(r).add(storeNanos);
                    }
                }
            }
        }
        return measured;
    }

    private static void report(List<Target> targets, Measured measured) {
        System.out.printf(
                Locale.ROOT,
                "  %-26s %-6s %8s %8s %8s   %-16s %10s %10s%n",
                "request",
                "db",
                "p50 ms",
                "p99 ms",
                "max ms",
                "p99 target",
                "store p50",
                "store p99");
        List<HistoryRequest> kinds = targets.getFirst().requests();
        for (int r = 0; r < kinds.size(); r++) {
            HistoryRequest kind = kinds.get(r);
            for (int t = 0; t < targets.size(); t++) {
                Samples http = measured.http().get(t).get(r);
                Samples store = measured.store().get(t).get(r);
                boolean big = t == targets.size() - 1;
                String target = big
                        ? String.format(
                                Locale.ROOT,
                                "<= %.0f ms %s",
                                kind.p99TargetMillis(),
                                Samples.verdict(http.percentileMillis(99), kind.p99TargetMillis()))
                        : "";
                System.out.printf(
                        Locale.ROOT,
                        "  %-26s %-6s %8.2f %8.2f %8.2f   %-16s %10.2f %10.2f%n",
                        t == 0 ? kind.name() : "",
                        targets.get(t).database(),
                        http.medianMillis(),
                        http.percentileMillis(99),
                        http.maxMillis(),
                        target,
                        store.medianMillis(),
                        store.percentileMillis(99));
            }
            double growth = measured.http().getLast().get(r).percentileMillis(99)
                    / measured.http().getFirst().get(r).percentileMillis(99);
            double storeGrowth = measured.store().getLast().get(r).percentileMillis(99)
                    / measured.store().getFirst().get(r).percentileMillis(99);
            System.out.printf(
                    Locale.ROOT,
                    "  %-26s p99 big/small %.2f (target <= %.1f) %s; store p99 big/small %.2f %s%n",
                    "",
                    growth,
                    GROWTH_TARGET,
                    Samples.verdict(growth, GROWTH_TARGET),
                    storeGrowth,
                    Samples.verdict(storeGrowth, GROWTH_TARGET));
        }
    }
}
