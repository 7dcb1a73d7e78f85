package dev.handoff.daemon.web.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.FailingSuite;
import dev.handoff.daemon.fixtures.MarkupSuite;
import dev.handoff.daemon.fixtures.NestedSuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.SetupFailureSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages as a browser sees them, from a daemon in this process on a free port. */
class HtmlPagesTests {

    private static final String MARKUP = "Markup \"'<>& suite";
    private static final String MARKUP_ESCAPED = "Markup \"'&lt;&gt;&amp; suite";
    private static final String MARKUP_RUNS = "/suites/" + Daemons.segment(MARKUP) + "/runs";

    @TempDir
    static Path dataDir;

    private static Handoff handoff;
    private static Browser browser;

    @BeforeAll
    static void start() {
        SlowSuite.release = new CountDownLatch(1);
        handoff = Daemons.started(Daemons.local(
                        dataDir,
                        PassingSuite.class,
                        FailingSuite.class,
                        SetupFailureSuite.class,
                        NestedSuite.class,
                        SlowSuite.class,
                        MarkupSuite.class)
                .environment("staging-eu"));
        browser = new Browser(handoff.url());
    }

    @AfterAll
    static void stop() {
        SlowSuite.release.countDown();
        handoff.close();
    }

    @Test
    void pagesAreUncachedUtf8HtmlForSmallScreens() {
        HttpResponse<String> response = browser.get("/suites");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("Vary")).hasValue("Accept");
        assertThat(response.body())
                .startsWith("<!DOCTYPE html>")
                .contains(
                        "<meta charset=\"utf-8\">",
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains(
                        "<link rel=\"stylesheet\" href=\"/assets/handoff.css\">",
                        "<script src=\"/assets/handoff.js\" defer></script>")
                .doesNotContain("https://", "http://");
    }

    @Test
    void suitesPageListsEverySuiteWithItsLinkAndARunForm() {
        String page = browser.get("/suites").body();

        assertThat(page)
                .contains(
                        "<th scope=\"row\"><a href=\"/suites/PassingSuite\">PassingSuite</a></th>", "<td>checkout</td>")
                .contains(
                        "<form class=\"inline\" method=\"post\" action=\"/suites/PassingSuite/runs\"><button type=\"submit\">Run"
                                + "<span class=\"visually-hidden\"> PassingSuite</span></button></form>")
                .contains("<span class=\"label\">smoke</span><span class=\"label\">team=payments</span>")
                .contains("<a href=\"/suites/FailingSuite\">FailingSuite</a>")
                .contains("<option value=\"checkout\">checkout</option>", "<option value=\"smoke\">smoke</option>");
    }

    @Test
    void suitesPageShowsTheLatestRunAsTextLinkAndTime() {
        String run = browser.submit("/suites/PassingSuite/runs", "");
        browser.awaitFinished(run);

        assertThat(browser.get("/suites").body())
                .containsPattern(
                        result("passed")
                                + " <a href=\"/suites/PassingSuite/runs/\\d+\">#\\d+</a><br><span class=\"muted\"><time datetime=\"[^\"]+Z\">");
    }

    @Test
    void runFormAnswers303ToTheRunPageWhichShowsTheRunFinishing() {
        HttpResponse<String> response = browser.post("/suites/PassingSuite/runs", "");

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().allValues("Location"))
                .singleElement()
                .asString()
                .matches("/suites/PassingSuite/runs/\\d+");
        String path = response.headers().firstValue("Location").orElseThrow();
        String page = browser.awaitPage(path, result("passed") + "</h1>");
        assertThat(page)
                .contains(
                        "<tr><th scope=\"row\">Initiated by</th><td>ui</td></tr>",
                        "<tr><th scope=\"row\">Environment</th><td>staging-eu</td></tr>")
                .contains("<a href=\"" + path + "/tests/logsItsRunNumber\">logsItsRunNumber</a>")
                .doesNotContain(Browser.REFRESH);
    }

    @Test
    void formFieldsFilterAndReferenceTheRun() {
        String path = browser.submit("/suites/FailingSuite/runs", "filter=pass&ref=v1.2+%26+more");

        assertThat(browser.awaitFinished(path)).isEqualTo("passed");
        assertThat(browser.get(path).body())
                .contains(
                        "<tr><th scope=\"row\">Filter</th><td><code>pass</code></td></tr>",
                        "<tr><th scope=\"row\">Ref</th><td>v1.2 &amp; more</td></tr>")
                .contains(">passes</a>", ">fails</a>", "<div class=\"message\">not selected by filter 'pass'</div>");
    }

    @Test
    void suitePageShowsItsFactsATriggerFormAndItsRuns() {
        String run = browser.submit("/suites/PassingSuite/runs", "ref=abc123");
        browser.awaitFinished(run);

        for (String path : List.of("/suites/PassingSuite", "/suites/PassingSuite/runs")) {
            assertThat(browser.get(path).body())
                    .as(path)
                    .contains("<h1>PassingSuite</h1>", "<div class=\"description\"><p>Everything works.</p>")
                    .contains(
                            "<tr><th scope=\"row\">Namespace</th><td>checkout</td></tr>",
                            "<tr><th scope=\"row\">Tests</th><td>2: ")
                    .contains(
                            "<form class=\"trigger\" method=\"post\" action=\"/suites/PassingSuite/runs\" aria-labelledby=\"run-it\">",
                            "<label for=\"filter\">Filter</label>",
                            "<input id=\"filter\" name=\"filter\"",
                            "<input id=\"ref\" name=\"ref\"")
                    .contains("<svg viewBox=\"0 0 600 120\"", "<rect class=\"bar passed\"")
                    .contains("<a href=\"" + run + "\">#", "<td>abc123</td><td>ui</td>", "2 passed");
        }
    }

    @Test
    void fullPageOfRunsLinksTheNextPage() {
        browser.awaitFinished(browser.submit("/suites/PassingSuite/runs", ""));
        String newest = browser.submit("/suites/PassingSuite/runs", "");
        browser.awaitFinished(newest);
        long number = Long.parseLong(newest.substring(newest.lastIndexOf('/') + 1));

        String page = browser.get("/suites/PassingSuite/runs?limit=1").body();

        assertThat(page)
                .contains("<a href=\"/suites/PassingSuite/runs?before=" + number + "&amp;limit=1\">Older runs</a>");
    }

    @Test
    void failedRunPageShowsTheFailureTheTestsAndWhatCanBeDone() {
        String path = browser.submit("/suites/FailingSuite/runs", "");
        browser.awaitFinished(path);

        assertThat(browser.get(path).body())
                .contains("<h1>FailingSuite run #", result("failed") + "</h1>")
                .contains("<a href=\"" + path + "/tests/fails\">fails</a></td><td>" + result("failed"))
                .contains("<div class=\"message\">expected status 200 but was 503</div>")
                .contains("<a href=\"" + path + "/tests/passes\">passes</a></td><td>" + result("passed"))
                .contains(
                        "action=\"" + path + "/retry\"",
                        "<a class=\"button\" href=\"" + path + "/junit.xml\" download>JUnit XML</a>")
                .contains("1 passed, 1 failed", "<figure class=\"timeline\">")
                .doesNotContain("action=\"" + path + "/cancel\"");
    }

    @Test
    void suiteFailureShowsItsStackTraceAndTheSetupLog() {
        String path = browser.submit("/suites/SetupFailureSuite/runs", "");
        browser.awaitFinished(path);

        assertThat(browser.get(path).body())
                .contains("<h2>Suite failure</h2>\n<p class=\"message\">")
                .contains("system under test is down")
                .contains(
                        "<details><summary>Stack trace</summary><pre>java.lang.IllegalStateException: system under test is down")
                .containsPattern(
                        "<h2>Setup and teardown log</h2>\n<pre class=\"log\">[^<]*connecting to the system under test");
    }

    @Test
    void testPageShowsEachAttemptWithItsLogSpansAndValues() {
        String run = browser.submit("/suites/NestedSuite/runs", "");
        browser.awaitFinished(run);

        HttpResponse<String> response = browser.get(run + "/tests/Checkout/paysWithCard");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("<h1>Checkout/paysWithCard " + result("passed") + "</h1>")
                .contains("<h2 id=\"attempt-1\">Attempt 1 of 1 " + result("passed") + "</h2>")
                .containsPattern(
                        "<pre class=\"log\" id=\"log-lines-1\" aria-labelledby=\"log-1\"><span class=\"line\">\\S+ log paid with visa\n</span>")
                .contains("<input type=\"search\" data-log-search=\"log-lines-1\">")
                .containsPattern("<td class=\"depth-0\">authorize</td><td>\\d+ ms</td><td>amount=42</td>")
                .contains(
                        "<a href=\"/suites/NestedSuite/tests/Checkout/paysWithCard\">History of this test across runs</a>")
                .contains("<tr><td>orderId</td><td>A-17</td></tr>");
    }

    @Test
    void retryFormAnswers303ToTheRunPage() {
        String path = browser.submit("/suites/FailingSuite/runs", "");
        browser.awaitFinished(path);

        assertThat(browser.submit(path + "/retry", "")).isEqualTo(path);
        assertThat(browser.awaitFinished(path)).isEqualTo("failed");
    }

    @Test
    void cancelFormAnswers303ToTheRunPage() {
        SlowSuite.release = new CountDownLatch(1);
        String path = browser.submit("/suites/SlowSuite/runs", "");

        assertThat(browser.submit(path + "/cancel", "")).isEqualTo(path);
        assertThat(browser.awaitFinished(path)).isEqualTo("cancelled");
    }

    @Test
    void runPageRefreshesWhilePendingOrRunningAndNotOnceFinished() {
        SlowSuite.release = new CountDownLatch(1);
        String path = browser.submit("/suites/SlowSuite/runs", "");

        String inProgress = browser.get(path).body();
        assertThat(inProgress)
                .contains(Browser.REFRESH, "action=\"" + path + "/cancel\"")
                .contains("<div id=\"live\" aria-live=\"polite\" data-events=\"" + path + "/events\">")
                .containsPattern(
                        "<span class=\"result (pending|running)\"><span aria-hidden=\"true\">.</span> (pending|running)</span></h1>");

        SlowSuite.release.countDown();
        assertThat(browser.awaitFinished(path)).isEqualTo("passed");
        assertThat(browser.get(path).body()).doesNotContain(Browser.REFRESH, "data-events");
    }

    @Test
    void textFromTestsAndRequestsIsEscapedOnEveryPage() {
        String run = browser.submit(MARKUP_RUNS, "ref=%3Cscript%3Ealert(3)%3C%2Fscript%3E");
        browser.awaitFinished(run);
        String suite = MARKUP_RUNS.substring(0, MARKUP_RUNS.length() - "/runs".length());

        List<String> pages = List.of(
                browser.get("/suites").body(),
                browser.get(suite).body(),
                browser.get(MARKUP_RUNS).body(),
                browser.get(run).body(),
                browser.get(run + "/tests/logsMarkup").body(),
                browser.get(run + "9/tests/x").body());

        assertThat(pages)
                .allSatisfy(page -> assertThat(page)
                        .contains(MARKUP_ESCAPED)
                        .doesNotContain("<script>", "<img", MARKUP)
                        .containsOnlyOnce("<script"));
        assertThat(browser.get(run).body())
                .contains("&lt;script&gt;alert(3)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;");
        assertThat(browser.get(run + "/tests/logsMarkup").body())
                .contains(" log &lt;script&gt;alert(1)&lt;/script&gt;\n</span>", "&lt;img src=x onerror=alert(2)&gt;");
    }

    @Test
    void linksAreTheUrlsOfTheJsonApi() {
        String run = browser.submit(MARKUP_RUNS, "");
        browser.awaitFinished(run);
        JsonNode suite = browser.json(MARKUP_RUNS.substring(0, MARKUP_RUNS.length() - "/runs".length()));
        JsonNode detail = browser.json(run);

        assertThat(browser.get("/suites").body())
                .contains("href=\"" + suite.get("url").asText() + "\"");
        assertThat(detail.get("url").asText()).isEqualTo(run);
        assertThat(browser.get(run).body())
                .contains("href=\"" + detail.get("tests").get(0).get("url").asText() + "\"");
    }

    @Test
    void badFilterFromTheFormIsTheSuitePageAgainWithTheReasonByTheField() {
        HttpResponse<String> response = browser.post("/suites/PassingSuite/runs", "filter=%28&ref=v9");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
        assertThat(response.body())
                .contains("<h1>PassingSuite</h1>", "value=\"(\"", "value=\"v9\"", "aria-invalid=\"true\"")
                .contains(
                        "<p id=\"filter-error\" class=\"error\" role=\"alert\">filter '(' is not a valid regular expression: Unclosed group near index 1</p>");
    }

    @Test
    void filterMatchingNoTestIsRefusedByTheFieldToo() {
        HttpResponse<String> response = browser.post("/suites/PassingSuite/runs", "filter=nothingLikeThis");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains(
                        "<p id=\"filter-error\" class=\"error\" role=\"alert\">filter 'nothingLikeThis' matches none");
    }

    @Test
    void overviewFiltersByNamespaceLabelAndText() {
        assertThat(browser.get("/suites?namespace=checkout").body())
                .contains(">PassingSuite</a>")
                .doesNotContain(">FailingSuite</a>")
                .contains("<option value=\"checkout\" selected>checkout</option>");
        assertThat(browser.get("/suites?label=team%3Dpayments").body())
                .contains(">NestedSuite</a>")
                .doesNotContain(">PassingSuite</a>");
        assertThat(browser.get("/suites?q=nested").body())
                .contains(">NestedSuite</a>")
                .doesNotContain(">PassingSuite</a>");
        assertThat(browser.get("/suites?q=zzz-none").body()).contains("No suite matches this filter.");
    }

    @Test
    void testHistoryShowsTheTestsOutcomeInEachRunAndItsFlakeRate() {
        String first = browser.submit("/suites/FailingSuite/runs", "");
        browser.awaitFinished(first);
        String second = browser.submit("/suites/FailingSuite/runs", "");
        browser.awaitFinished(second);

        String page = browser.get("/suites/FailingSuite/tests/fails").body();

        assertThat(page)
                .contains("<h1>fails <span class=\"muted\">history</span></h1>", "Flake rate", "100% ended failed")
                .contains("<a href=\"" + second + "/tests/fails\">#", "<a href=\"" + first + "/tests/fails\">#");
        JsonNode json = browser.json("/suites/FailingSuite/tests/fails");
        assertThat(json.get("outcomes").get(0).get("url").asText()).isEqualTo(second + "/tests/fails");
        assertThat(json.get("outcomes").get(0).get("result").asText()).isEqualTo("failed");
        int runs =
                browser.json("/suites/FailingSuite/runs?limit=50").get("runs").size();
        assertThat(json.get("runs").asInt())
                .as("the runs looked at, not the window's size")
                .isEqualTo(runs)
                .isLessThan(50);
        assertThat(page).contains(json.get("outcomes").size() + " of the suite's last " + runs + " runs ran it");
    }

    @Test
    void assetsComeFromTheJar() {
        assertThat(browser.get("/assets/handoff.css").headers().firstValue("Content-Type"))
                .hasValue("text/css; charset=UTF-8");
        assertThat(browser.get("/assets/handoff.js").body()).contains("EventSource");
        assertThat(browser.get("/assets/nope.js").statusCode()).isEqualTo(404);
    }

    @Test
    void runEventsSendTheLivePartWhileTheRunGoesThenEnd() throws Exception {
        SlowSuite.release = new CountDownLatch(1);
        String path = browser.submit("/suites/SlowSuite/runs", "");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(handoff.url().resolve(path + "/events"))
                .header("Accept", "text/event-stream")
                .build();

        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=UTF-8");
        List<String> events = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            Iterator<String> stream = lines.iterator();
            while (stream.hasNext() && events.size() < 1_000) {
                String line = stream.next();
                events.add(line);
                if (line.startsWith("data:") && line.contains("\"finished\":false")) {
                    SlowSuite.release.countDown();
                }
            }
        }
        assertThat(events).first().isEqualTo("event: update");
        assertThat(events.get(1))
                .startsWith("data: {\"suite\":\"SlowSuite\",\"run\":")
                .contains("\"finished\":false", "<h1>SlowSuite run #");
        assertThat(events).anySatisfy(line -> assertThat(line).contains("\"result\":\"passed\"", "\"finished\":true"));
        assertThat(events.subList(events.size() - 3, events.size())).containsExactly("event: end", "data: {}", "");
    }

    @Test
    void aRunInProgressSaysWhichTestItIsRunningAndForHowLong() throws Exception {
        SlowSuite.release = new CountDownLatch(1);
        String path = browser.submit("/suites/SlowSuite/runs", "");
        try {
            Instant deadline = Instant.now().plus(Daemons.PATIENCE);
            JsonNode running = browser.json(path).get("running");
            while (running.isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
                running = browser.json(path).get("running");
            }
            assertThat(running)
                    .as("the blocked test, within %s", Daemons.PATIENCE)
                    .hasSize(1);
            assertThat(running.get(0).get("name").asText()).isEqualTo("waitsForRelease");
            assertThat(running.get(0).get("attempt").asInt()).isEqualTo(1);
            assertThat(running.get(0).get("url").asText()).isEqualTo(path + "/tests/waitsForRelease");
            assertThat(Instant.parse(running.get(0).get("startedAt").asText()))
                    .isBefore(Instant.now().plusSeconds(1));
            assertThat(browser.get(path).body())
                    .contains(
                            "<h2>Running now</h2>",
                            "<a href=\"" + path + "/tests/waitsForRelease\">waitsForRelease</a>");
        } finally {
            SlowSuite.release.countDown();
        }
        assertThat(browser.awaitFinished(path)).isEqualTo("passed");
        assertThat(browser.json(path).get("running"))
                .as("nothing runs in a finished run")
                .isEmpty();
        assertThat(browser.get(path).body()).doesNotContain("Running now");
    }

    @Test
    void eventsOfARunThatDoesNotExistAreA404() {
        assertThat(browser.get("/suites/PassingSuite/runs/999/events", "text/event-stream")
                        .statusCode())
                .isEqualTo(404);
    }

    private static String result(String label) {
        return "<span class=\"result " + label + "\"><span aria-hidden=\"true\">" + Format.symbol(label) + "</span> "
                + label + "</span>";
    }
}
