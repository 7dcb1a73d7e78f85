package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.fixtures.FailingSuite;
import dev.handoff.daemon.fixtures.FlakySuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} after known runs: the Go project's names and labels, with exact values. */
class MetricsTests {

    @TempDir
    Path dataDir;

    @Test
    void scrapeShowsRunsTestsAndDurationsWithExactValues() {
        try (Handoff handoff =
                Daemons.started(Daemons.local(dataDir, PassingSuite.class, FailingSuite.class, FlakySuite.class)
                        .instanceName("metrics"))) {
            Daemons api = new Daemons(handoff.url());
            api.awaitFinished("PassingSuite", api.trigger("PassingSuite", ""));
            api.awaitFinished("FailingSuite", api.trigger("FailingSuite", ""));
            api.awaitFinished("FlakySuite", api.trigger("FlakySuite", ""));

            Daemons.Response response = afterCounting(api, 3);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).startsWith("text/plain").contains("version=0.0.4");
            String scrape = response.body();
            assertThat(lines(scrape, "handoff_testsuites_running"))
                    .containsExactlyInAnyOrder(
                            "handoff_testsuites_running{instance=\"metrics\",namespace=\"checkout\",suite_name=\"PassingSuite\"} 0.0",
                            "handoff_testsuites_running{instance=\"metrics\",namespace=\"default\",suite_name=\"FailingSuite\"} 0.0",
                            "handoff_testsuites_running{instance=\"metrics\",namespace=\"default\",suite_name=\"FlakySuite\"} 0.0");
            assertThat(lines(scrape, "handoff_testsuites_started_total"))
                    .containsExactlyInAnyOrder(
                            "handoff_testsuites_started_total{flaky=\"0\",instance=\"metrics\",namespace=\"checkout\",result=\"passed\",suite_name=\"PassingSuite\"} 1.0",
                            "handoff_testsuites_started_total{flaky=\"0\",instance=\"metrics\",namespace=\"default\",result=\"failed\",suite_name=\"FailingSuite\"} 1.0",
                            "handoff_testsuites_started_total{flaky=\"1\",instance=\"metrics\",namespace=\"default\",result=\"passed\",suite_name=\"FlakySuite\"} 1.0");
            assertThat(lines(scrape, "handoff_tests_run_total"))
                    .containsExactlyInAnyOrder(
                            "handoff_tests_run_total{instance=\"metrics\",namespace=\"checkout\",result=\"passed\",suite_name=\"PassingSuite\"} 2.0",
                            "handoff_tests_run_total{instance=\"metrics\",namespace=\"default\",result=\"failed\",suite_name=\"FailingSuite\"} 1.0",
                            "handoff_tests_run_total{instance=\"metrics\",namespace=\"default\",result=\"passed\",suite_name=\"FailingSuite\"} 1.0",
                            "handoff_tests_run_total{instance=\"metrics\",namespace=\"default\",result=\"passed\",suite_name=\"FlakySuite\"} 2.0");
            assertThat(lines(scrape, "handoff_tests_flaky_total"))
                    .containsExactly("handoff_tests_flaky_total{namespace=\"default\",suite_name=\"FlakySuite\"} 1.0");
            assertThat(lines(scrape, "handoff_testsuite_duration_seconds_count"))
                    .containsExactlyInAnyOrder(
                            "handoff_testsuite_duration_seconds_count{namespace=\"checkout\",suite_name=\"PassingSuite\"} 1",
                            "handoff_testsuite_duration_seconds_count{namespace=\"default\",suite_name=\"FailingSuite\"} 1",
                            "handoff_testsuite_duration_seconds_count{namespace=\"default\",suite_name=\"FlakySuite\"} 1");
            assertThat(
                            lines(
                                    scrape,
                                    "handoff_testsuite_duration_seconds_bucket{namespace=\"default\",suite_name=\"FailingSuite\""))
                    .containsExactly(
                            "handoff_testsuite_duration_seconds_bucket{namespace=\"default\",suite_name=\"FailingSuite\",le=\"1.0\"} 1",
                            "handoff_testsuite_duration_seconds_bucket{namespace=\"default\",suite_name=\"FailingSuite\",le=\"5.0\"} 1",
                            "handoff_testsuite_duration_seconds_bucket{namespace=\"default\",suite_name=\"FailingSuite\",le=\"10.0\"} 1",
                            "handoff_testsuite_duration_seconds_bucket{namespace=\"default\",suite_name=\"FailingSuite\",le=\"30.0\"} 1",
                            "handoff_testsuite_duration_seconds_bucket{namespace=\"default\",suite_name=\"FailingSuite\",le=\"60.0\"} 1",
                            "handoff_testsuite_duration_seconds_bucket{namespace=\"default\",suite_name=\"FailingSuite\",le=\"120.0\"} 1",
                            "handoff_testsuite_duration_seconds_bucket{namespace=\"default\",suite_name=\"FailingSuite\",le=\"300.0\"} 1",
                            "handoff_testsuite_duration_seconds_bucket{namespace=\"default\",suite_name=\"FailingSuite\",le=\"600.0\"} 1",
                            "handoff_testsuite_duration_seconds_bucket{namespace=\"default\",suite_name=\"FailingSuite\",le=\"1800.0\"} 1",
                            "handoff_testsuite_duration_seconds_bucket{namespace=\"default\",suite_name=\"FailingSuite\",le=\"3600.0\"} 1",
                            "handoff_testsuite_duration_seconds_bucket{namespace=\"default\",suite_name=\"FailingSuite\",le=\"+Inf\"} 1");
            assertThat(lines(scrape, "handoff_testsuite_duration_seconds_sum"))
                    .hasSize(3)
                    .allSatisfy(line -> assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                            .isPositive());
            assertThat(scrape)
                    .contains(
                            "# TYPE handoff_testsuite_duration_seconds histogram",
                            "# TYPE handoff_testsuites_running gauge",
                            "# TYPE handoff_testsuites_started_total counter");
            assertThat(lines(scrape, "jvm_memory_used_bytes")).isNotEmpty();
            assertThat(lines(scrape, "jvm_gc_")).isNotEmpty();
            assertThat(lines(scrape, "jvm_threads_live_threads")).hasSize(1);
            assertThat(lines(scrape, "process_uptime_seconds")).hasSize(1);
            assertThat(lines(scrape, "system_cpu_count"))
                    .containsExactly("system_cpu_count " + Runtime.getRuntime().availableProcessors() + ".0");
        }
    }

    @Test
    void aRetryCountsOnlyTheTestsItRanAgain() {
        try (Handoff handoff =
                Daemons.started(Daemons.local(dataDir, FailingSuite.class).instanceName("metrics"))) {
            Daemons api = new Daemons(handoff.url());
            long run = api.trigger("FailingSuite", "");
            api.awaitFinished("FailingSuite", run);
            assertThat(api.post("/suites/FailingSuite/runs/" + run + "/retry").status())
                    .isEqualTo(202);
            api.await(
                    "FailingSuite",
                    run,
                    node -> node.get("execution").asInt() == 1
                            && !node.get("result").asText().matches("pending|running"),
                    "retried");

            String scrape = afterCounting(api, 2).body();

            assertThat(lines(scrape, "handoff_tests_run_total"))
                    .containsExactlyInAnyOrder(
                            "handoff_tests_run_total{instance=\"metrics\",namespace=\"default\",result=\"failed\",suite_name=\"FailingSuite\"} 2.0",
                            "handoff_tests_run_total{instance=\"metrics\",namespace=\"default\",result=\"passed\",suite_name=\"FailingSuite\"} 1.0");
            assertThat(lines(scrape, "handoff_testsuites_started_total"))
                    .containsExactly(
                            "handoff_testsuites_started_total{flaky=\"0\",instance=\"metrics\",namespace=\"default\",result=\"failed\",suite_name=\"FailingSuite\"} 2.0");
        }
    }

    @Test
    void twoDaemonsInOneJvmKeepTheirOwnMetrics(@TempDir Path otherDir) {
        try (Handoff first = Daemons.started(Daemons.local(dataDir, PassingSuite.class));
                Handoff second = Daemons.started(
                        Daemons.local(otherDir, FailingSuite.class).instanceName("metrics"))) {
            Daemons api = new Daemons(first.url());
            api.awaitFinished("PassingSuite", api.trigger("PassingSuite", ""));

            assertThat(lines(second.metrics(), "handoff_testsuites_started_total"))
                    .isEmpty();
            assertThat(lines(second.metrics(), "handoff_testsuites_running"))
                    .containsExactly(
                            "handoff_testsuites_running{instance=\"metrics\",namespace=\"default\",suite_name=\"FailingSuite\"} 0.0");
            assertThat(lines(first.metrics(), "handoff_testsuites_started_total"))
                    .hasSize(1);
        }
    }

    /**
     * The scrape once the daemon counted the given number of finished executions of runs. A run is counted just
     * after it is stored as finished, as hooks are told, so a scrape right after a client saw it
     * finished may come a moment early. Its duration is counted last, after its tests.
     */
    private static Daemons.Response afterCounting(Daemons api, int runs) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            Daemons.Response response = api.get("/metrics");
            long counted = lines(response.body(), "handoff_testsuite_duration_seconds_count").stream()
                    .mapToLong(line -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
            if (counted >= runs || Instant.now().isAfter(deadline)) {
                return response;
            }
            Runs.sleep();
        }
    }

    private static List<String> lines(String scrape, String prefix) {
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith(prefix))
                .toList();
    }
}
