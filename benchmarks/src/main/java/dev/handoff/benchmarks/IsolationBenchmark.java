package dev.handoff.benchmarks;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.config.Isolation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a forked run costs: the same triggered run (POST, poll every 20 ms until finished, every
 * attempt stored) of one suite of {@code --tests} trivial tests on a daemon with {@code
 * --isolation none} (A) and on one with {@code --isolation fork} (B), alternating A, B, A, B after
 * the warm-up rounds. It prints the median of B - A per run (the fork cost: a JVM started, the
 * Launcher's discovery in it, the events over loopback) and of B / A.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar isolation [--warmups 2] [--rounds 10] [--tests 100]</pre>
 *
 * <p>No target: the figure decides the default of {@code --isolation} (README, "Isolation"). Both
 * daemons serve the suite from a folder, as {@code handoff serve --suites} does, in this JVM.
 */
final class IsolationBenchmark {

    private static final String SUITE = "IsolationSuite";

    private IsolationBenchmark() {}

    static void run(String[] args) throws IOException {
        ModeOptions options = ModeOptions.parse(args, Map.of("--warmups", 2, "--rounds", 10, "--tests", 100));
        int warmups = options.get("--warmups");
        int rounds = options.get("--rounds");
        int tests = options.get("--tests");
        System.out.printf(
                Locale.ROOT,
                "Isolation: a triggered run of one suite of %d trivial tests, in the daemon's JVM (A) and in a"
                        + " JVM of its own (B); %d warm-up and %d measured rounds, alternating%n",
                tests,
                warmups,
                rounds);
        try (TempFolder folder = TempFolder.create("handoff-bench-isolation-")) {
            Path classes = SuiteClasses.compile(folder.resolve("suite"), "bench.isolation", List.of(SUITE), tests);
            try (Handoff inProcess = start(classes, folder.resolve("none"), Isolation.NONE);
                    Handoff forked = start(classes, folder.resolve("fork"), Isolation.FORK)) {
                System.out.println("  B: " + forked.isolation());
                TriggeredRun a = triggered(inProcess, tests);
                TriggeredRun b = triggered(forked, tests);
                compare(a, b, warmups, rounds);
            }
        }
    }

    private static Handoff start(Path classes, Path dataDir, Isolation isolation) {
        Handoff daemon = Handoff.builder()
                .suitesPath(classes)
                .host("127.0.0.1")
                .port(0)
                .dataDir(dataDir)
                .isolation(isolation)
                .build()
                .start();
        if (!daemon.awaitReady(Duration.ofSeconds(30))) {
            daemon.close();
            throw new IllegalStateException("the daemon was not ready within 30 s");
        }
        return daemon;
    }

    private static TriggeredRun triggered(Handoff daemon, int tests) {
        return new TriggeredRun(new ApiClient(daemon.url()), daemon.store(), SUITE, tests, TriggeredRun.POLL_MILLIS);
    }

    private static void compare(TriggeredRun a, TriggeredRun b, int warmups, int rounds) {
        double[] inProcess = new double[rounds];
        double[] forked = new double[rounds];
        double[] costs = new double[rounds];
        double[] ratios = new double[rounds];
        for (int round = -warmups; round < rounds; round++) {
            double aMillis = a.time().nanos() / 1e6;
            double bMillis = b.time().nanos() / 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "  %-9s A %7.1f ms   B %7.1f ms   B - A %7.1f ms   B/A %.2f%n",
                    round < 0 ? "warm-up" : "round " + (round + 1),
                    aMillis,
                    bMillis,
                    bMillis - aMillis,
                    bMillis / aMillis);
            if (round >= 0) {
                inProcess[round] = aMillis;
                forked[round] = bMillis;
                costs[round] = bMillis - aMillis;
                ratios[round] = bMillis / aMillis;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  median A %.1f ms, median B %.1f ms; fork cost per run (median B - A) %.1f ms, median B/A %.2f%n",
                Samples.median(inProcess),
                Samples.median(forked),
                Samples.median(costs),
                Samples.median(ratios));
    }
}
