package dev.handoff.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The daemon's benchmarks, one mode of {@code benchmarks.jar} each: {@code recording}
 * ({@link RecordingBenchmark}), {@code history} ({@link HistoryBenchmark}), {@code startup}
 * ({@link StartupBenchmark}), {@code schedules} ({@link ScheduleBenchmark}), {@code pages}
 * ({@link PagesBenchmark}), {@code reliability} ({@link ReliabilityBenchmark}), {@code reads}
 * ({@link ReadsBenchmark}), {@code all} of
 * them, {@code cluster} ({@link ClusterBenchmark}), {@code schedules-cluster} and {@code
 * schedules-minutely} ({@link ScheduleBenchmark}), and {@code isolation} ({@link IsolationBenchmark}).
 *
 * <p>{@code all} runs each mode in a fresh JVM with this JVM's options, so that one benchmark's
 * heap, JIT profile and H2 caches do not colour the next one's figures.
 *
 * <p>Like the engine benchmark, the exit code is non-zero only when a benchmark is broken (a run
 * that did not store its attempts, a daemon that did not start); a figure above its target is
 * printed as FAIL, because on a noisy shared machine one run is evidence, not a verdict.
 */
final class DaemonBenchmarks {

    /**
     * {@code all} runs the modes before it; {@code cluster} and {@code schedules-cluster} need
     * PostgreSQL, {@code schedules-minutely} takes minutes, and {@code isolation} decides a default rather
     * than checks a target, so they run only when asked.
     */
    static final List<String> MODES = List.of(
            "recording",
            "history",
            "startup",
            "schedules",
            "pages",
            "reliability",
            "reads",
            "all",
            "cluster",
            "schedules-cluster",
            "schedules-minutely",
            "isolation");

    private DaemonBenchmarks() {}

    /** @return the process exit code */
    static int run(String mode, String[] args) throws Exception {
        try {
            switch (mode) {
                case "recording" -> RecordingBenchmark.run(args);
                case "history" -> HistoryBenchmark.run(args);
                case "startup" -> StartupBenchmark.run(args);
                case "schedules" -> ScheduleBenchmark.run(args);
                case "pages" -> PagesBenchmark.run(args);
                case "cluster" -> ClusterBenchmark.run(args);
                case "schedules-cluster" -> ScheduleBenchmark.runCluster(args);
                case "schedules-minutely" -> ScheduleBenchmark.runMinutely(args);
                case "reliability" -> ReliabilityBenchmark.run(args);
                case "reads" -> ReadsBenchmark.run(args);
                case "isolation" -> IsolationBenchmark.run(args);
                case "all" -> {
                    return all(args);
                }
                default -> throw new IllegalArgumentException("Unknown benchmark " + mode + "; one of " + MODES);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("Benchmark " + mode + " failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    private static int all(String[] args) throws IOException, InterruptedException {
        if (args.length > 0) {
            throw new IllegalArgumentException(
                    "'all' takes no options; give them to one benchmark, e.g. 'recording --rounds 9'");
        }
        int exit = 0;
        for (String mode : MODES.subList(0, MODES.indexOf("all"))) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(
                    Arrays.asList("-cp", System.getProperty("java.class.path"), BenchmarkMain.class.getName(), mode));
            int code = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (code != 0) {
                System.err.println("Benchmark " + mode + " failed (exit code " + code + ")");
                exit = 1;
            }
            System.out.println();
        }
        return exit;
    }
}
