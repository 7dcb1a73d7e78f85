package dev.handoff.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Issue 7's target: with {@value #REPLICAS} replicas on one PostgreSQL, {@value #TRIGGERS}
 * triggers of a 1 s suite finish in at most 1.2x the ideal, {@code triggers x 1 s / (replicas x
 * max-concurrent-runs)}; and how the runs spread over the replicas.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar cluster [--triggers 300] [--replicas 3]
 *     [--max-concurrent-runs 4] [--suites 24] [--millis 1000]</pre>
 *
 * <p>The replicas are daemons of this process (library mode) on a PostgreSQL server the benchmark
 * starts from the Debian binaries (or the database at {@code HANDOFF_BENCH_DB_URL}, with
 * {@code HANDOFF_BENCH_DB_USER} and {@code HANDOFF_BENCH_DB_PASSWORD}). Runs of one suite go one
 * after another, so the triggers go round-robin over enough suites (twice the slots) that the
 * suites are not what limits; they go round-robin over the replicas too, over HTTP, from 12
 * client threads. The time is from the first trigger until the store has no pending or running
 * run; then every run must have passed with one attempt.
 */
final class ClusterBenchmark {

    static final int TRIGGERS = 300;
    static final int REPLICAS = 3;
    static final double TARGET = 1.2;

    private ClusterBenchmark() {}

    static void run(String[] args) throws Exception {
        ModeOptions options = ModeOptions.parse(
                args,
                Map.of(
                        "--triggers",
                        TRIGGERS,
                        "--replicas",
                        REPLICAS,
                        "--max-concurrent-runs",
                        Settings.MAX_CONCURRENT_RUNS.defaultValue(),
                        "--suites",
                        0,
                        "--millis",
                        1000));
        int triggers = options.get("--triggers");
        int replicas = options.get("--replicas");
        int slots = options.get("--max-concurrent-runs");
        // 0: twice the slots of the cluster.
        int suiteCount = options.get("--suites") == 0 ? 2 * replicas * slots : options.get("--suites");
        int millis = options.get("--millis");
        String given = System.getenv("HANDOFF_BENCH_DB_URL");
        try (TempFolder folder = TempFolder.create("handoff-bench-cluster-");
                LocalPostgres postgres = given == null ? LocalPostgres.start() : null) {
            String url = given != null ? given : postgres.url();
            String user =
                    given != null ? System.getenv().getOrDefault("HANDOFF_BENCH_DB_USER", "") : LocalPostgres.USER;
            String password = given != null ? System.getenv().getOrDefault("HANDOFF_BENCH_DB_PASSWORD", "") : "";
            List<String> suites = IntStream.rangeClosed(1, suiteCount)
                    .mapToObj(i -> String.format(Locale.ROOT, "SecondSuite%03d", i))
                    .toList();
            Path classes = compile(folder.path(), suites, millis);
            List<Handoff> daemons = new ArrayList<>();
            try {
                for (int i = 0; i < replicas; i++) {
                    Handoff daemon = Handoff.builder()
                            .suitesPath(classes)
                            .host("127.0.0.1")
                            .port(0)
                            .dataDir(folder.resolve("data-" + i))
                            .maxConcurrentRuns(slots)
                            .database(url, user, password)
                            .build()
                            .start();
                    if (!daemon.awaitReady(Duration.ofSeconds(60))) {
                        throw new IllegalStateException("replica " + i + " was not ready within 60 s");
                    }
                    daemons.add(daemon);
                }
                System.out.printf(
                        Locale.ROOT,
                        "Cluster: %d replicas (in this process) on PostgreSQL, --max-concurrent-runs %d,"
                                + " %d triggers of %d suites of one %d ms test%n",
                        replicas,
                        slots,
                        triggers,
                        suiteCount,
                        millis);
                long start = System.nanoTime();
                trigger(daemons, suites, triggers);
                long triggered = System.nanoTime();
                awaitQueueEmpty(url, user, password, Duration.ofMillis(20L * triggers * millis));
                double seconds = (System.nanoTime() - start) / 1e9;
                report(
                        url,
                        user,
                        password,
                        daemons,
                        triggers,
                        seconds,
                        (triggered - start) / 1e9,
                        (double) triggers * millis / 1000 / (replicas * slots));
            } finally {
                daemons.forEach(Handoff::close);
            }
        }
    }

    private static Path compile(Path folder, List<String> suites, int millis) throws IOException {
        Path sources = Files.createDirectories(folder.resolve("src"));
        List<Path> files = new ArrayList<>();
        for (String name : suites) {
            Path file = sources.resolve(name + ".java");
            Files.writeString(file, """
                    package bench.cluster;

                    @dev.handoff.api.HandoffSuite
                    public class %s {
                        @org.junit.jupiter.api.Test
                        void takesItsTime() throws InterruptedException {
                            Thread.sleep(%d);
                        }
                    }
                    """.formatted(name, millis), UTF_8);
            files.add(file);
        }
        Path classes = Files.createDirectories(folder.resolve("classes"));
        Javac.compile(files, classes);
        return classes;
    }

    /** Round-robin over replicas and suites, from 12 threads, each trigger a POST that must give 201. */
    private static void trigger(List<Handoff> daemons, List<String> suites, int triggers) throws Exception {
        List<ApiClient> clients = daemons.stream()
                .map(daemon -> new ApiClient(URI.create(daemon.url().toString())))
                .toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            List<Future<?>> posts = new ArrayList<>();
            for (int i = 0; i < triggers; i++) {
                ApiClient client = clients.get(i % clients.size());
                String suite = suites.get((i / clients.size()) % suites.size());
                posts.add(pool.submit(
                        () -> client.post("/suites/" + suite + "/runs").expect(201, "trigger of " + suite)));
            }
            for (Future<?> post : posts) {
                post.get();
            }
        }
    }

    private static void awaitQueueEmpty(String url, String user, String password, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            while (count(connection, "select count(*) from suite_run where result in ('pending', 'running')") > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("runs still unfinished after " + patience);
                }
                Thread.sleep(50);
            }
        }
    }

    private static void report(
            String url,
            String user,
            String password,
            List<Handoff> daemons,
            int triggers,
            double seconds,
            double triggerSeconds,
            double ideal)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            long runs = count(connection, "select count(*) from suite_run");
            long passed = count(connection, "select count(*) from suite_run where result = 'passed'");
            long attempts = count(connection, "select count(*) from attempt");
            if (runs != triggers || passed != triggers || attempts != triggers) {
                throw new IllegalStateException(
                        "expected %d runs passed with one attempt each; got %d runs, %d passed, %d attempts"
                                .formatted(triggers, runs, passed, attempts));
            }
            Map<String, Long> byOwner = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery(
                            "select owner, count(*) from suite_run group by owner order by owner")) {
                while (row.next()) {
                    byOwner.put(row.getString(1), row.getLong(2));
                }
            }
            double ratio = seconds / ideal;
            System.out.printf(
                    Locale.ROOT,
                    "  all %d runs passed, each executed once; triggers took %.1f s%n",
                    triggers,
                    triggerSeconds);
            System.out.printf(
                    Locale.ROOT,
                    "  finished in %.1f s; ideal %.1f s; ratio %.2f (target <= %.1f): %s%n",
                    seconds,
                    ideal,
                    ratio,
                    TARGET,
                    ratio <= TARGET ? "PASS" : "FAIL");
            List<String> spread = new ArrayList<>();
            for (int i = 0; i < daemons.size(); i++) {
                spread.add("replica " + (i + 1) + ": "
                        + byOwner.getOrDefault(daemons.get(i).instanceId(), 0L));
            }
            System.out.println("  runs per replica: " + String.join(", ", spread));
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
