package dev.handoff.daemon.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.Daemon;
import dev.handoff.daemon.fixtures.FailingSuite;
import dev.handoff.daemon.fixtures.FlakySuite;
import dev.handoff.daemon.fixtures.MarkupSuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.SetupFailureSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import dev.handoff.daemon.run.RunResult;
import dev.handoff.daemon.run.SuiteRun;
import dev.handoff.daemon.runner.SuiteCatalog;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The UI over real HTTP, against a daemon on a free port. */
class UiTests {

    private static final String MARKUP_RUNS = "/suites/Markup%20%3Cb%3E%26%3C%2Fb%3E%20suite/runs";

    private static Daemon daemon;
    private static UiClient ui;

    @BeforeAll
    static void start() {
        daemon = Daemon.start(SuiteCatalog.fromClasses(List.of(PassingSuite.class, FlakySuite.class, FailingSuite.class,
                MarkupSuite.class, SetupFailureSuite.class, SlowSuite.class)), "127.0.0.1", 0);
        ui = new UiClient(daemon.port());
    }

    @AfterAll
    static void stop() {
        SlowSuite.release.countDown();
        daemon.close();
    }

    @Test
    void healthzAnswersOk() {
        HttpResponse<String> response = ui.get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void homeRedirectsToSuites() {
        HttpResponse<String> response = ui.get("/");

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/suites");
    }

    @Test
    void suitesPageListsEverySuiteWithARunButton() {
        HttpResponse<String> response = ui.get("/suites");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
        assertThat(response.body())
                .contains("<strong>PassingSuite</strong>", "Everything works.", "checkout")
                .contains("<form method=\"post\" action=\"/suites/PassingSuite/runs\"><button type=\"submit\">Run</button></form>")
                .contains("<strong>Markup &lt;b&gt;&amp;&lt;/b&gt; suite</strong>")
                .contains("action=\"" + MARKUP_RUNS + "\"");
    }

    @Test
    void runButtonLeadsToTheRunPageWithEveryTest() {
        String page = ui.awaitFinishedPage(ui.run("/suites/PassingSuite/runs"));

        assertThat(page)
                .containsPattern("<h1>PassingSuite run #\\d+ <span class=\"status passed\">passed</span></h1>")
                .contains("<strong>logsItsRunNumber</strong>", "<strong>passes</strong>", "attempt 1 of 1")
                .containsPattern("<pre>\\S+ log run \\d+\n\\S+ stdout printed to stdout\n</pre>");
    }

    @Test
    void flakyRunShowsEveryAttempt() {
        String path = ui.run("/suites/FlakySuite/runs");
        String page = ui.awaitFinishedPage(path);

        assertThat(page)
                .contains("<span class=\"status flaky\">flaky</span></h1>")
                .contains("attempt 1 of 3 · <span class=\"status retrying\">retrying</span>")
                .contains("not ready on attempt 1")
                .contains("attempt 2 of 3 · <span class=\"status passed\">passed</span>");
        assertThat(lastRun("FlakySuite").result()).isEqualTo(RunResult.FLAKY);
    }

    @Test
    void failingRunShowsTheFailure() {
        String page = ui.awaitFinishedPage(ui.run("/suites/FailingSuite/runs"));

        assertThat(page)
                .contains("<span class=\"status failed\">failed</span></h1>")
                .contains("<div class=\"message\">expected status 200 but was 503</div>")
                .contains("<details><summary>Stack trace</summary>");
        assertThat(lastRun("FailingSuite").result()).isEqualTo(RunResult.FAILED);
    }

    @Test
    void textFromTestsIsEscaped() {
        String page = ui.awaitFinishedPage(ui.run(MARKUP_RUNS));

        assertThat(page)
                .contains("<title>Markup &lt;b&gt;&amp;&lt;/b&gt; suite run #")
                .contains(" log &lt;script&gt;alert(1)&lt;/script&gt;\n")
                .contains("&lt;img src=x onerror=alert(2)&gt;")
                .doesNotContain("<script>", "<img", "<b>&</b>");
    }

    @Test
    void failedSetupIsShownWithItsLog() {
        String page = ui.awaitFinishedPage(ui.run("/suites/SetupFailureSuite/runs"));

        assertThat(page)
                .contains("<span class=\"status failed\">failed</span></h1>")
                .contains("<h2>Suite failed</h2>\n<div class=\"message\">system under test is down</div>")
                .contains("log connecting to the system under test")
                .contains("<strong>neverRuns</strong> <span class=\"status skipped\">skipped</span>");
    }

    @Test
    void runPageRefreshesUntilTheRunIsOver() {
        SlowSuite.release = new CountDownLatch(1);
        String path = ui.run("/suites/SlowSuite/runs");

        String inProgress = ui.get(path).body();
        assertThat(inProgress).contains(UiClient.REFRESH).containsPattern("status (pending|running)");

        SlowSuite.release.countDown();
        assertThat(ui.awaitFinishedPage(path)).contains("<span class=\"status passed\">passed</span></h1>");
    }

    @Test
    void suitesPageLinksTheLastRun() {
        String path = ui.run("/suites/PassingSuite/runs");
        ui.awaitFinishedPage(path);

        assertThat(ui.get("/suites").body()).containsPattern(
                "<a href=\"" + path + "\">#\\d+</a> <span class=\"status passed\">passed</span>");
    }

    @Test
    void unknownSuiteIsNotFound() {
        HttpResponse<String> response = ui.post("/suites/NoSuchSuite/runs");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("no suite named 'NoSuchSuite'");
    }

    @Test
    void runNumberMustBeAWholeNumber() {
        HttpResponse<String> response = ui.get("/suites/PassingSuite/runs/latest");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("run number 'latest' is not a whole number from 1 up");
    }

    @Test
    void missingRunIsNotFound() {
        HttpResponse<String> response = ui.get("/suites/PassingSuite/runs/999");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("no run PassingSuite #999");
    }

    private static SuiteRun lastRun(String suite) {
        return daemon.store().lastRun(suite).orElseThrow();
    }
}
