package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.fixtures.FailingSuite;
import dev.handoff.daemon.fixtures.FlakyFailingSuite;
import dev.handoff.daemon.fixtures.FlakySuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run metrics as the Go project labelled them, scraped from {@code GET /metrics} over HTTP: the
 * label sets of its {@code metrics.go}, {@code result} in {@code passed|failed|cancelled} with
 * {@code flaky} {@code 0|1} beside it, and {@code instance} the daemon's name, so that a Go
 * dashboard's {@code result="passed"} and {@code flaky="1"} select what they selected.
 */
class GoMetricsTests {

    private static final Pattern SERIES = Pattern.compile("([a-z_]+)\\{([^}]*)} (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\",?");

    @TempDir
    Path dataDir;

    @Test
    void runMetricsHaveGoLabelSetsAndWords() {
        SlowSuite.release = new CountDownLatch(1);
        try (Handoff handoff = Daemons.started(Daemons.local(
                        dataDir,
                        PassingSuite.class,
                        FailingSuite.class,
                        FlakySuite.class,
                        FlakyFailingSuite.class,
                        SlowSuite.class)
                .instanceName("e2e-eu-1"))) {
            Daemons api = new Daemons(handoff.url());
            api.awaitFinished("PassingSuite", api.trigger("PassingSuite", ""));
            api.awaitFinished("FailingSuite", api.trigger("FailingSuite", ""));
            api.awaitFinished("FlakySuite", api.trigger("FlakySuite", ""));
            api.awaitFinished("FlakyFailingSuite", api.trigger("FlakyFailingSuite", ""));
            long slow = api.trigger("SlowSuite", "");
            api.await("SlowSuite", slow, run -> run.get("result").asText().equals("running"), "running");
            assertThat(api.post("/suites/SlowSuite/runs/" + slow + "/cancel").status())
                    .isEqualTo(202);
            api.awaitFinished("SlowSuite", slow);

            List<Series> scrape = afterCounting(api, 5);

            assertThat(named(scrape, "handoff_testsuites_started_total"))
                    .allSatisfy(series -> assertThat(series.labels().keySet())
                            .containsExactlyInAnyOrder("instance", "namespace", "suite_name", "result", "flaky"))
                    .extracting(series -> series.labels().get("suite_name")
                            + " " + series.labels().get("result") + " flaky="
                            + series.labels().get("flaky")
                            + " instance=" + series.labels().get("instance") + " " + series.value())
                    .containsExactlyInAnyOrder(
                            "PassingSuite passed flaky=0 instance=e2e-eu-1 1.0",
                            "FailingSuite failed flaky=0 instance=e2e-eu-1 1.0",
                            "FlakySuite passed flaky=1 instance=e2e-eu-1 1.0",
                            "FlakyFailingSuite failed flaky=1 instance=e2e-eu-1 1.0",
                            "SlowSuite cancelled flaky=0 instance=e2e-eu-1 1.0");
            assertThat(named(scrape, "handoff_testsuites_running")).hasSize(5).allSatisfy(series -> {
                assertThat(series.labels().keySet()).containsExactlyInAnyOrder("instance", "namespace", "suite_name");
                assertThat(series.labels()).containsEntry("instance", "e2e-eu-1");
            });
            assertThat(named(scrape, "handoff_tests_run_total")).isNotEmpty().allSatisfy(series -> {
                assertThat(series.labels().keySet())
                        .containsExactlyInAnyOrder("instance", "namespace", "suite_name", "result");
                assertThat(series.labels()).containsEntry("instance", "e2e-eu-1");
            });
            // What the README's panels select: Go's result="passed" counts flaky runs, flaky="1" finds them.
            assertThat(sum(scrape, "handoff_testsuites_started_total", Map.of("result", "passed")))
                    .isEqualTo(2.0);
            assertThat(sum(scrape, "handoff_testsuites_started_total", Map.of("flaky", "1")))
                    .isEqualTo(2.0);
            assertThat(sum(scrape, "handoff_testsuites_started_total", Map.of("result", "flaky")))
                    .isZero();
        } finally {
            SlowSuite.release.countDown();
        }
    }

    @Test
    void instanceIsTheHostNameUnlessNamed() throws UnknownHostException {
        String host =
                System.getenv("HOSTNAME") == null || System.getenv("HOSTNAME").isBlank()
                        ? InetAddress.getLocalHost().getHostName()
                        : System.getenv("HOSTNAME");
        try (Handoff handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class))) {
            List<Series> scrape =
                    parse(new Daemons(handoff.url()).get("/metrics").body());

            assertThat(named(scrape, "handoff_testsuites_running"))
                    .singleElement()
                    .satisfies(series -> assertThat(series.labels()).containsEntry("instance", host));
        }
    }

    record Series(String name, Map<String, String> labels, double value) {}

    private static List<Series> afterCounting(Daemons api, int runs) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            List<Series> scrape = parse(api.get("/metrics").body());
            double counted = named(scrape, "handoff_testsuite_duration_seconds_count").stream()
                    .mapToDouble(Series::value)
                    .sum();
            if (counted >= runs || Instant.now().isAfter(deadline)) {
                return scrape;
            }
            Runs.sleep();
        }
    }

    private static List<Series> parse(String scrape) {
        return Arrays.stream(scrape.split("\n"))
                .map(SERIES::matcher)
                .filter(Matcher::matches)
                .map(m -> {
                    Map<String, String> labels = new LinkedHashMap<>();
                    Matcher label = LABEL.matcher(m.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                    return new Series(m.group(1), labels, Double.parseDouble(m.group(3)));
                })
                .toList();
    }

    private static List<Series> named(List<Series> scrape, String name) {
        return scrape.stream().filter(series -> series.name().equals(name)).toList();
    }

    private static double sum(List<Series> scrape, String name, Map<String, String> selector) {
        return named(scrape, name).stream()
                .filter(series -> series.labels().entrySet().containsAll(selector.entrySet()))
                .mapToDouble(Series::value)
                .sum();
    }
}
