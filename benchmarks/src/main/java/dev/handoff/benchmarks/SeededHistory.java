package dev.handoff.benchmarks;

import dev.handoff.daemon.model.RunId;
import dev.handoff.daemon.store.BulkLoader;
import dev.handoff.daemon.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A daemon database filled with finished runs by {@link BulkLoader}: each suite gets its number of
 * runs of {@code testsPerRun} tests, except that the first suite's run in the middle of its
 * history has {@value #WIDE_RUN_TESTS} tests, the run the history benchmark reads (in the middle,
 * so that it is neither the newest row nor the oldest).
 *
 * <p>The runs are created a minute apart, ending well before now: the daemon's default retention
 * (30 days) keeps them all and its first sweep finds nothing to delete.
 *
 * @param wideRun the run of {@value #WIDE_RUN_TESTS} tests
 */
record SeededHistory(Path dataDir, long runs, long attempts, RunId wideRun, Duration seeding) {

    static final int WIDE_RUN_TESTS = 100;

    /** Every suite with the same number of runs. */
    static SeededHistory seed(Path dataDir, List<String> suites, int runsPerSuite, int testsPerRun) {
        Map<String, Integer> runs = new LinkedHashMap<>();
        suites.forEach(suite -> runs.put(suite, runsPerSuite));
        return seed(dataDir, runs, testsPerRun);
    }

    /**
     * @param runsBySuite in order; the first suite holds the run of {@value #WIDE_RUN_TESTS} tests
     *     and needs at least 2 runs
     */
    static SeededHistory seed(Path dataDir, Map<String, Integer> runsBySuite, int testsPerRun) {
        String first = runsBySuite.keySet().iterator().next();
        int firstRuns = runsBySuite.get(first);
        if (firstRuns < 2) {
            throw new IllegalArgumentException("the first suite of a history needs at least 2 runs, got " + firstRuns);
        }
        int longest =
                runsBySuite.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        Instant start = Instant.now().minus(Duration.ofDays(2)).minus(Duration.ofMinutes(longest));
        int before = firstRuns / 2;
        long began = System.nanoTime();
        try (Database database = Database.open(dataDir)) {
            BulkLoader loader = new BulkLoader(database.dataSource());
            runsBySuite.forEach((suite, runs) -> {
                if (!suite.equals(first)) {
                    loader.insertHistory(suite, runs, testsPerRun, start);
                }
            });
            loader.insertHistory(first, before, testsPerRun, start);
            loader.insertHistory(first, 1, WIDE_RUN_TESTS, start.plus(Duration.ofMinutes(before)));
            loader.insertHistory(
                    first, firstRuns - before - 1, testsPerRun, start.plus(Duration.ofMinutes(before + 1)));
        }
        Duration seeding = Duration.ofNanos(System.nanoTime() - began);
        long runs = runsBySuite.values().stream().mapToLong(Integer::longValue).sum();
        long attempts = (runs - 1) * testsPerRun + WIDE_RUN_TESTS;
        return new SeededHistory(dataDir, runs, attempts, new RunId(first, before + 1), seeding);
    }
}
