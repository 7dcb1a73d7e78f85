package dev.handoff.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What starting the daemon costs: from process start to {@code /ready} at most 2 s with
 * {@value #SUITES} suites, and resident memory after start at most 256 MB, with default settings
 * (no JVM options, no Handoff options but the port, host, data dir and suites).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar startup [--starts 5]</pre>
 *
 * <p>Runs {@code java -jar handoff-daemon/target/handoff.jar serve --port 0 --host 127.0.0.1
 * --data-dir TEMP --suites FOLDER} as a child process with this JVM's {@code java}, where FOLDER
 * holds {@value #SUITES} generated suites; when that jar is not built, the same command through
 * {@code -cp benchmarks.jar dev.handoff.daemon.cli.HandoffCommand} (the benchmarks jar holds the
 * daemon and its dependencies, and a few more), and says so. Each start gets a fresh data dir;
 * one more starts on an existing database with {@value #EXISTING_RUNS_PER_SUITE} runs per suite
 * (100,000 attempts). Then the same again with a JDK 25 AOT cache trained by one run of the daemon
 * ({@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache}). Each start prints the daemon's own
 * startup profile (where its build and start went).
 */
final class StartupBenchmark {

    static final int SUITES = 50;
    static final int TESTS_PER_SUITE = 10;
    static final int EXISTING_RUNS_PER_SUITE = 200;
    static final double READY_TARGET_MILLIS = 2_000;
    static final double RSS_TARGET_MB = 256;
    private static final String MAIN_CLASS = "dev.handoff.daemon.cli.HandoffCommand";

    private StartupBenchmark() {}

    /** One start: time to ready, resident memory right then and a second later, and the peak. */
    private record Start(double readyMillis, double rssMb, double rssLaterMb, double peakMb, String profile) {}

    static void run(String[] args) throws IOException, InterruptedException {
        int starts = ModeOptions.parse(args, Map.of("--starts", 5)).get("--starts");
        List<String> launch = launchCommand();
        System.out.printf(
                Locale.ROOT,
                "Startup: 'handoff serve' with %d suites as a child process, default JVM settings, %d fresh starts"
                        + " and one on an existing database, without and with an AOT cache; load average %.2f%n  %s%n",
                SUITES,
                starts,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                String.join(" ", launch));
        warmUpHttpClient();
        List<String> names = IntStream.rangeClosed(1, SUITES)
                .mapToObj(i -> String.format(Locale.ROOT, "StartupSuite%02d", i))
                .toList();
        try (TempFolder folder = TempFolder.create("handoff-bench-startup-")) {
            Path suites = SuiteClasses.compile(folder.resolve("suites"), "bench.startup", names, TESTS_PER_SUITE);
            SeededHistory existing = SeededHistory.seed(
                    folder.resolve("data-existing"), names, EXISTING_RUNS_PER_SUITE, TESTS_PER_SUITE);
            String existingLabel = String.format(
                    Locale.ROOT, "existing db (%,d runs, %,d attempts)", existing.runs(), existing.attempts());
            System.out.println("  without an AOT cache:");
            measure(launch, suites, folder, "plain", starts, existing.dataDir(), existingLabel);
            Optional<Path> cache = trainAotCache(launch, suites, folder);
            if (cache.isPresent()) {
                List<String> cached = new ArrayList<>(launch);
                cached.add(1, "-XX:AOTCache=" + cache.get());
                System.out.printf(Locale.ROOT, "  with the AOT cache (%s):%n", String.join(" ", cached));
                measure(cached, suites, folder, "aot", starts, existing.dataDir(), existingLabel);
            }
        }
    }

    private static void measure(
            List<String> launch, Path suites, TempFolder folder, String name, int starts, Path existing, String label)
            throws IOException, InterruptedException {
        List<Start> fresh = new ArrayList<>();
        for (int i = 1; i <= starts; i++) {
            Start start = start(launch, suites, folder.resolve("data-" + name + "-" + i));
            print("start " + i + " (fresh)", start);
            fresh.add(start);
        }
        Start again = start(launch, suites, existing);
        print(label, again);
        report(fresh, again);
    }

    /**
     * JDK 25's ahead-of-time cache (JEP 483/514): classes loaded and linked, and method profiles,
     * recorded by a training run and mapped at the next start. The training run is a daemon on
     * the same suites, asked for its API's main reads, then stopped; the JVM writes the cache as it
     * exits. Empty, with the reason printed, on a JDK before 25.
     */
    private static Optional<Path> trainAotCache(List<String> launch, Path suites, TempFolder folder)
            throws IOException, InterruptedException {
        if (Runtime.version().feature() < 25) {
            System.out.println("  no AOT cache: it needs JDK 25 (-XX:AOTCacheOutput), this is " + Runtime.version());
            return Optional.empty();
        }
        Path cache = folder.resolve("handoff.aot");
        long began = System.nanoTime();
        // Its output goes to a file: read through a pipe, the training JVM was seen to end without
        // its shutdown (and without writing the cache) when stopped.
        Path output = folder.resolve("training.log");
        Process training = new ProcessBuilder(
                        serve(trainingCommand(launch, cache), suites, folder.resolve("data-training")))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (training.isAlive()
                && System.nanoTime() < deadline
                && !Files.readString(output).contains("Handoff listening on")) {
            Thread.sleep(100);
        }
        training.destroy();
        if (!training.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            training.destroyForcibly().waitFor();
        }
        if (!Files.isRegularFile(cache)) {
            List<String> lines = Files.readAllLines(output);
            System.out.println("  no AOT cache: the training run did not write " + cache + "; its last output:\n    "
                    + String.join("\n    ", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            return Optional.empty();
        }
        System.out.printf(
                Locale.ROOT,
                "  trained an AOT cache in %.1f s: %,d MB%n",
                (System.nanoTime() - began) / 1e9,
                Files.size(cache) / (1024 * 1024));
        return Optional.of(cache);
    }

    private static List<String> trainingCommand(List<String> launch, Path cache) {
        List<String> training = new ArrayList<>(launch);
        training.add(1, "-XX:AOTCacheOutput=" + cache);
        return training;
    }

    private static List<String> serve(List<String> launch, Path suites, Path dataDir) {
        List<String> command = new ArrayList<>(launch);
        command.addAll(List.of(
                "serve",
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--data-dir",
                dataDir.toString(),
                "--suites",
                suites.toString()));
        return command;
    }

    @SuppressWarnings("try") // DaemonProcess.close() may be interrupted on purpose; see there
    private static Start start(List<String> launch, Path suites, Path dataDir)
            throws IOException, InterruptedException {
        try (DaemonProcess daemon = DaemonProcess.start(serve(launch, suites, dataDir))) {
            long readyNanos = daemon.awaitReady(Duration.ofSeconds(60));
            double rss = daemon.memoryMegabytes("VmRSS");
            Thread.sleep(1_000);
            return new Start(
                    readyNanos / 1e6,
                    rss,
                    daemon.memoryMegabytes("VmRSS"),
                    daemon.memoryMegabytes("VmHWM"),
                    daemon.profile());
        }
    }

    private static void print(String label, Start start) {
        System.out.printf(
                Locale.ROOT,
                "  %-40s ready after %6.0f ms   RSS %5.0f MB, 1 s later %5.0f MB (peak %5.0f MB)%n",
                label,
                start.readyMillis(),
                start.rssMb(),
                start.rssLaterMb(),
                start.peakMb());
        if (!start.profile().isEmpty()) {
            System.out.println("    " + start.profile());
        }
    }

    private static void report(List<Start> fresh, Start existing) {
        double ready =
                Samples.median(fresh.stream().mapToDouble(Start::readyMillis).toArray());
        double rss = Samples.median(fresh.stream().mapToDouble(Start::rssMb).toArray());
        double rssLater =
                Samples.median(fresh.stream().mapToDouble(Start::rssLaterMb).toArray());
        double memory = Math.max(rss, rssLater);
        System.out.printf(
                Locale.ROOT,
                "  median of %d fresh starts: ready after %.0f ms (target <= %.0f ms) %s; RSS %.0f MB, 1 s later %.0f MB"
                        + " (target <= %.0f MB) %s%n",
                fresh.size(),
                ready,
                READY_TARGET_MILLIS,
                Samples.verdict(ready, READY_TARGET_MILLIS),
                rss,
                rssLater,
                RSS_TARGET_MB,
                Samples.verdict(memory, RSS_TARGET_MB));
        System.out.printf(
                Locale.ROOT,
                "  existing database: ready after %.0f ms %s; RSS %.0f MB, 1 s later %.0f MB %s%n",
                existing.readyMillis(),
                Samples.verdict(existing.readyMillis(), READY_TARGET_MILLIS),
                existing.rssMb(),
                existing.rssLaterMb(),
                Samples.verdict(Math.max(existing.rssMb(), existing.rssLaterMb()), RSS_TARGET_MB));
    }

    /** {@code java -jar handoff.jar} when it is built, else {@code java -cp <this classpath> HandoffCommand}. */
    private static List<String> launchCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return handoffJar().map(jar -> List.of(java, "-jar", jar.toString())).orElseGet(() -> {
            System.out.println(
                    "  handoff-daemon/target/handoff.jar is not built: starting the daemon from the benchmarks' classpath instead");
            return List.of(java, "-cp", System.getProperty("java.class.path"), MAIN_CLASS);
        });
    }

    /** Next to the working directory's checkout, or the one this jar was built in. */
    private static Optional<Path> handoffJar() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("handoff-daemon", "target", "handoff.jar"));
        try {
            Path here = Path.of(StartupBenchmark.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            // benchmarks/target/benchmarks.jar (or benchmarks/target/classes) -> the checkout's root
            Path root = here.getParent() == null ? null : here.getParent().getParent();
            if (root != null && root.getParent() != null) {
                candidates.add(root.getParent()
                        .resolve("handoff-daemon")
                        .resolve("target")
                        .resolve("handoff.jar"));
            }
        } catch (URISyntaxException | SecurityException e) {
            // Only the working directory is looked at.
        }
        return candidates.stream()
                .filter(Files::isRegularFile)
                .map(Path::toAbsolutePath)
                .findFirst();
    }

    /**
     * The first request of a JVM loads the whole HTTP client, tens of milliseconds that would be
     * charged to the first daemon's startup: pay them against a throwaway local server instead.
     */
    private static void warmUpHttpClient() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            ApiClient api = new ApiClient(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
            for (int i = 0; i < 20; i++) {
                api.get("ready");
            }
        } finally {
            server.stop(0);
        }
    }
}
