package dev.handoff.benchmarks;

import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.model.RunId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Issue 5's target for the web UI: with 100,000 runs stored ({@value #SUITES} suites x
 * {@value #RUNS_PER_SUITE} runs of {@value #TESTS_PER_RUN} tests, seeded with {@code BulkLoader}),
 * every page renders in under {@value #TARGET_MILLIS} ms on the server.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar pages [--warmups 50] [--requests 500]</pre>
 *
 * <p>Each page is asked for as a browser asks ({@code Accept: text/html}) over one keep-alive
 * connection from this JVM, one request at a time, the pages taking turns. The time is from
 * sending the request to reading the whole page, so it is the server's render plus a loopback
 * round trip: an upper bound of the server's share. {@value #SCHEDULES} schedules (every hour, so
 * none fires during the benchmark) give the overview its next fires and the schedules page rows.
 */
final class PagesBenchmark {

    static final int SUITES = 50;
    static final int RUNS_PER_SUITE = 2_000;
    static final int TESTS_PER_RUN = 10;
    static final int SCHEDULES = 20;
    static final double TARGET_MILLIS = 100;

    private PagesBenchmark() {}

    private record Page(String name, IntFunction<String> path) {}

    static void run(String[] args) throws IOException {
        ModeOptions options = ModeOptions.parse(args, Map.of("--warmups", 50, "--requests", 500));
        List<String> suites = IntStream.rangeClosed(1, SUITES)
                .mapToObj(i -> String.format(Locale.ROOT, "PagesSuite%02d", i))
                .toList();
        System.out.printf(
                Locale.ROOT,
                "Pages: server-side render of each page (Accept: text/html) with %,d runs stored;"
                        + " %d warm-up and %d measured requests of each%n",
                SUITES * RUNS_PER_SUITE,
                options.get("--warmups"),
                options.get("--requests"));
        try (TempFolder folder = TempFolder.create("handoff-bench-pages-")) {
            Path classes = SuiteClasses.compile(folder.resolve("suites"), "bench.pages", suites, TESTS_PER_RUN);
            Map<String, Integer> runs = new LinkedHashMap<>();
            suites.forEach(suite -> runs.put(suite, RUNS_PER_SUITE));
            SeededHistory history = SeededHistory.seed(folder.resolve("data"), runs, TESTS_PER_RUN);
            System.out.printf(
                    Locale.ROOT,
                    "  seeded %,d runs and %,d attempts in %.1f s%n",
                    history.runs(),
                    history.attempts(),
                    history.seeding().toMillis() / 1000.0);
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
                schedule(daemon.url(), suites);
                measure(
                        new ApiClient(daemon.url()),
                        pages(suites, history.wideRun()),
                        options.get("--warmups"),
                        options.get("--requests"));
            }
        }
    }

    private static List<Page> pages(List<String> suites, RunId wideRun) {
        String wide = "suites/" + wideRun.suite() + "/runs/" + wideRun.number();
        return List.of(
                new Page("overview /suites (" + SUITES + " suites)", i -> "suites"),
                new Page("overview filtered by text", i -> "suites?q=Suite1"),
                new Page("suite page (50 runs, chart)", i -> "suites/" + suites.get(i % SUITES) + "/runs"),
                new Page("older page of runs", i -> "suites/" + suites.get(i % SUITES) + "/runs?before=1000"),
                new Page("run of 100 tests", i -> wide),
                new Page(
                        "run of 10 tests",
                        i -> "suites/" + suites.get(i % SUITES) + "/runs/" + (RUNS_PER_SUITE - i % 100)),
                new Page("test page", i -> wide + "/tests/test" + (i % 100)),
                new Page("test history (50 runs)", i -> "suites/" + suites.get(i % SUITES) + "/tests/test0"),
                new Page("schedules (" + SCHEDULES + ")", i -> "schedules"));
    }

    /** Schedules over the API, as a user would make them; every hour, so none fires while measuring. */
    private static void schedule(URI base, List<String> suites) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < SCHEDULES; i++) {
            String body = "{\"suite\": \"" + suites.get(i) + "\", \"every\": \"1h\"}";
            HttpRequest request = HttpRequest.newBuilder(base.resolve("schedules/hourly-" + i))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException(
                            "PUT schedule answered " + response.statusCode() + ": " + response.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static void measure(ApiClient api, List<Page> pages, int warmups, int requests) {
        List<Samples> samples = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        pages.forEach(page -> {
            samples.add(new Samples(requests));
            sizes.add(0);
        });
        for (int i = -warmups; i < requests; i++) {
            for (int p = 0; p < pages.size(); p++) {
                String path = pages.get(p).path().apply(i + warmups);
                ApiClient.Answer answer = api.page(path).expect(200, "GET /" + path);
                if (i == -warmups && !answer.text().startsWith("<!DOCTYPE html>")) {
                    throw new IllegalStateException("GET /" + path + " is not a page: " + answer.text());
                }
                if (i >= 0) {
                    samples.get(p).add(answer.nanos());
                    sizes.set(p, Math.max(sizes.get(p), answer.body().length));
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "  %-34s %8s %8s %8s %9s   %s%n",
                "page",
                "p50 ms",
                "p99 ms",
                "max ms",
                "KB",
                "p99 target");
        for (int p = 0; p < pages.size(); p++) {
            Samples page = samples.get(p);
            System.out.printf(
                    Locale.ROOT,
                    "  %-34s %8.2f %8.2f %8.2f %9.1f   <= %.0f ms %s%n",
                    pages.get(p).name(),
                    page.medianMillis(),
                    page.percentileMillis(99),
                    page.maxMillis(),
                    sizes.get(p) / 1024.0,
                    TARGET_MILLIS,
                    Samples.verdict(page.percentileMillis(99), TARGET_MILLIS));
        }
    }
}
