package dev.handoff.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.daemon.Handoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Issue 8's load proof: {@value #CONNECTIONS} connections reading the API as fast as they can for
 * {@value #SECONDS} s while {@value #SUITES} suites run back to back, against a daemon on
 * 127.0.0.1 that requires API tokens; then 1,000 concurrent triggers over 100 idempotency keys.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar reliability [--seconds 60] [--connections 50] [--suites 20]</pre>
 *
 * <p>Passes when no read failed (any status but 200, or no answer), every triggered run finished
 * passed with each of its tests recorded once, and the triggers gave exactly 100 runs. Prints the
 * reads' throughput and latency percentiles. The daemon runs in this process (library mode), the
 * load generator on virtual threads with the JDK's HTTP client.
 */
final class ReliabilityBenchmark {

    static final int SECONDS = 60;
    static final int CONNECTIONS = 50;
    static final int SUITES = 20;
    static final int TESTS_PER_SUITE = 5;
    private static final String READ = "reliability-read-0123456789";
    private static final String TRIGGER = "reliability-trigger-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private URI base;

    private ReliabilityBenchmark() {}

    static void run(String[] args) throws IOException, InterruptedException {
        ModeOptions options =
                ModeOptions.parse(args, Map.of("--seconds", SECONDS, "--connections", CONNECTIONS, "--suites", SUITES));
        new ReliabilityBenchmark()
                .measure(options.get("--seconds"), options.get("--connections"), options.get("--suites"));
    }

    private void measure(int seconds, int connections, int suiteCount) throws IOException, InterruptedException {
        List<String> suites = IntStream.rangeClosed(1, suiteCount)
                .mapToObj(i -> String.format(Locale.ROOT, "LoadSuite%02d", i))
                .toList();
        List<String> all = new ArrayList<>(suites);
        all.add("KeyedSuite");
        try (TempFolder folder = TempFolder.create("handoff-bench-reliability-")) {
            Path classes = SuiteClasses.compile(folder.resolve("suites"), "bench.reliability", all, TESTS_PER_SUITE);
            Path tokens = folder.resolve("tokens");
            Files.writeString(tokens, "read " + READ + " load\ntrigger " + TRIGGER + " runner\n");
            try (Handoff daemon = Handoff.builder()
                    .suitesPath(classes)
                    .host("127.0.0.1")
                    .port(0)
                    .dataDir(folder.resolve("data"))
                    .apiTokens(tokens)
                    .maxConcurrentRuns(8)
                    .maxPendingRuns(1000)
                    .build()
                    .start()) {
                if (!daemon.awaitReady(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("the daemon was not ready within 30 s");
                }
                base = daemon.url();
                System.out.printf(
                        Locale.ROOT,
                        "Reliability: %d connections reading for %d s while %d suites run back to back "
                                + "(%d tests each), tokens required, daemon in this process on %s%n",
                        connections,
                        seconds,
                        suiteCount,
                        TESTS_PER_SUITE,
                        base);
                boolean loadHeld = load(seconds, connections, suites);
                boolean keysHeld = keyedTriggers();
                System.out.println(loadHeld && keysHeld ? "  reliability: PASS" : "  reliability: FAIL");
            }
        }
    }

    /** @return whether no read failed and no run lost a result */
    private boolean load(int seconds, int connections, List<String> suites) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Map<String, List<Long>> runsBySuite = new ConcurrentHashMap<>();
        AtomicLong errors = new AtomicLong();
        List<String> errorSamples = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Latencies> latencies = new ArrayList<>();
        List<Future<?>> work = new ArrayList<>();
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String suite : suites) {
                work.add(threads.submit(() -> runBackToBack(suite, end, runsBySuite)));
            }
            for (int c = 0; c < connections; c++) {
                Latencies mine = new Latencies();
                latencies.add(mine);
                int connection = c;
                work.add(threads.submit(() -> read(connection, suites, end, mine, errors, errorSamples)));
            }
            for (Future<?> future : work) {
                try {
                    future.get(seconds + 120L, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("a load thread failed: " + e, e);
                }
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] all =
                latencies.stream().flatMapToLong(Latencies::values).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "  reads: %d in %.1f s = %.0f requests/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; errors %d%s%n",
                all.length,
                elapsed,
                all.length / elapsed,
                percentile(all, 0.50),
                percentile(all, 0.99),
                percentile(all, 1.0),
                errors.get(),
                errorSamples.isEmpty() ? "" : " (e.g. " + errorSamples.getFirst() + ")");
        long triggered = runsBySuite.values().stream().mapToLong(List::size).sum();
        long lost = 0;
        for (Map.Entry<String, List<Long>> suite : runsBySuite.entrySet()) {
            for (long number : suite.getValue()) {
                JsonNode run = awaitFinished(suite.getKey(), number);
                boolean whole = run.get("result").asText().equals("passed")
                        && run.get("tests").size() == TESTS_PER_SUITE;
                for (JsonNode test : run.get("tests")) {
                    whole &= test.get("attempts").asInt() == 1;
                }
                lost += whole ? 0 : 1;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  runs: %d triggered, %d with a lost or doubled result (target 0): %s; read errors %d (target 0): %s%n",
                triggered,
                lost,
                lost == 0 ? "PASS" : "FAIL",
                errors.get(),
                errors.get() == 0 ? "PASS" : "FAIL");
        return lost == 0 && errors.get() == 0;
    }

    private Void runBackToBack(String suite, long end, Map<String, List<Long>> runsBySuite) {
        List<Long> numbers =
                runsBySuite.computeIfAbsent(suite, s -> java.util.Collections.synchronizedList(new ArrayList<>()));
        while (System.nanoTime() < end) {
            HttpResponse<String> created = send(HttpRequest.newBuilder(base.resolve("/suites/" + suite + "/runs"))
                    .header("Authorization", "Bearer " + TRIGGER)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            if (created.statusCode() != 201) {
                throw new IllegalStateException(
                        "trigger of " + suite + " gave " + created.statusCode() + ": " + created.body());
            }
            long number = json(created.body()).get("number").asLong();
            numbers.add(number);
            awaitFinished(suite, number);
        }
        return null;
    }

    /** One connection's request latencies in nanoseconds, growing as needed. */
    private static final class Latencies {
        private long[] values = new long[8192];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        java.util.stream.LongStream values() {
            return Arrays.stream(values, 0, size);
        }
    }

    private Void read(
            int connection,
            List<String> suites,
            long end,
            Latencies latencies,
            AtomicLong errors,
            List<String> samples) {
        int i = 0;
        while (System.nanoTime() < end) {
            String suite = suites.get((connection + i) % suites.size());
            String path = switch (i % 4) {
                case 0 -> "/suites";
                case 1 -> "/suites/" + suite + "/runs?limit=20";
                case 2 -> "/suites/" + suite;
                default -> "/schedules";
            };
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(base.resolve(path))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + READ)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    errors.incrementAndGet();
                    samples.add(path + " gave " + response.statusCode());
                }
            } catch (IOException e) {
                errors.incrementAndGet();
                samples.add(path + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            latencies.add(System.nanoTime() - start);
            i++;
        }
        return null;
    }

    /** @return whether 1,000 concurrent triggers over 100 keys gave exactly 100 runs */
    private boolean keyedTriggers() throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        Set<Long> numbers = ConcurrentHashMap.newKeySet();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        long started;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> triggers = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String key = "key-" + (i % 100);
                triggers.add(threads.submit(() -> {
                    go.await();
                    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/suites/KeyedSuite/runs"))
                            .header("Authorization", "Bearer " + TRIGGER)
                            .header("Idempotency-Key", key)
                            .POST(HttpRequest.BodyPublishers.noBody()));
                    statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong())
                            .incrementAndGet();
                    if (response.statusCode() < 300) {
                        numbers.add(json(response.body()).get("number").asLong());
                    }
                    return null;
                }));
            }
            started = System.nanoTime();
            go.countDown();
            for (Future<?> trigger : triggers) {
                try {
                    trigger.get(5, TimeUnit.MINUTES);
                } catch (Exception e) {
                    throw new IllegalStateException("a trigger failed: " + e, e);
                }
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        int stored = get("/suites/KeyedSuite/runs?limit=500").get("runs").size();
        boolean exact = numbers.size() == 100 && stored == 100;
        System.out.printf(
                Locale.ROOT,
                "  1,000 concurrent triggers over 100 idempotency keys in %.1f s: statuses %s, %d distinct runs, "
                        + "%d stored (target exactly 100): %s%n",
                elapsed,
                statuses,
                numbers.size(),
                stored,
                exact ? "PASS" : "FAIL");
        return exact;
    }

    private JsonNode awaitFinished(String suite, long number) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            JsonNode run = get("/suites/" + suite + "/runs/" + number);
            if (!run.get("result").asText().matches("pending|running")) {
                return run;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("run " + number + " of " + suite + " did not finish within 5 minutes");
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + READ)
                .GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " gave " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
