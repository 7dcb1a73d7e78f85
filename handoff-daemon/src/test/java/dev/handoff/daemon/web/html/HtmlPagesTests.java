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
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages as a browser sees them, from a daemon in this process on a free port. */
class HtmlPagesTests {

    private static final String MARKUP = "Markup \"'<>& suite";
    private static final String MARKUP_ESCAPED = "Markup &quot;&#39;&lt;&gt;&amp; suite";
    private static final String MARKUP_RUNS = "/suites/" + Daemons.segment(MARKUP) + "/runs";

    @TempDir
    static Path dataDir;

    private static Handoff handoff;
    private static Browser browser;

    @BeforeAll
    static void start() {
        SlowSuite.release = new CountDownLatch(1);
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class, FailingSuite.class, SetupFailureSuite.class,
                        NestedSuite.class, SlowSuite.class, MarkupSuite.class)
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
                .contains("<meta charset=\"utf-8\">", "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", "<style>")
                .doesNotContain("<script");
    }

    @Test
    void suitesPageListsEverySuiteWithItsLinkAndARunForm() {
        String page = browser.get("/suites").body();

        assertThat(page)
                .contains("<a href=\"/suites/PassingSuite\">PassingSuite</a>", "<td>checkout</td>")
                .contains("<form class=\"inline\" method=\"post\" action=\"/suites/PassingSuite/runs\"><button type=\"submit\">Run</button></form>")
                .contains("<span class=\"label\">smoke</span><span class=\"label\">team=payments</span>")
                .contains("<a href=\"/suites/FailingSuite\">FailingSuite</a>");
    }

    @Test
    void suitesPageShowsTheLatestRunAsTextLinkAndTime() {
        String run = browser.submit("/suites/PassingSuite/runs", "");
        browser.awaitFinished(run);

        assertThat(browser.get("/suites").body()).containsPattern(
                "<span class=\"result passed\">passed</span> <a href=\"/suites/PassingSuite/runs/\\d+\">#\\d+</a> <time datetime=\"[^\"]+Z\">");
    }

    @Test
    void runFormAnswers303ToTheRunPageWhichShowsTheRunFinishing() {
        HttpResponse<String> response = browser.post("/suites/PassingSuite/runs", "");

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().allValues("Location")).singleElement().asString().matches("/suites/PassingSuite/runs/\\d+");
        String path = response.headers().firstValue("Location").orElseThrow();
        String page = browser.awaitPage(path, "<span class=\"result passed\">passed</span></h1>");
        assertThat(page)
                .contains("<tr><th>Initiated by</th><td>ui</td></tr>", "<tr><th>Environment</th><td>staging-eu</td></tr>")
                .contains("<a href=\"" + path + "/tests/logsItsRunNumber\">logsItsRunNumber</a>")
                .doesNotContain(Browser.REFRESH);
    }

    @Test
    void formFieldsFilterAndReferenceTheRun() {
        String path = browser.submit("/suites/FailingSuite/runs", "filter=pass&ref=v1.2+%26+more");

        assertThat(browser.awaitFinished(path)).isEqualTo("passed");
        assertThat(browser.get(path).body())
                .contains("<tr><th>Filter</th><td><code>pass</code></td></tr>", "<tr><th>Ref</th><td>v1.2 &amp; more</td></tr>")
                .contains(">passes</a>")
                .doesNotContain(">fails</a>");
    }

    @Test
    void suitePageShowsItsFactsATriggerFormAndItsRuns() {
        String run = browser.submit("/suites/PassingSuite/runs", "ref=abc123");
        browser.awaitFinished(run);

        for (String path : List.of("/suites/PassingSuite", "/suites/PassingSuite/runs")) {
            assertThat(browser.get(path).body()).as(path)
                    .contains("<h1>PassingSuite</h1>", "<p class=\"description\">Everything works.</p>")
                    .contains("<tr><th>Namespace</th><td>checkout</td></tr>", "<tr><th>Tests</th><td>2: ")
                    .contains("<form class=\"trigger\" method=\"post\" action=\"/suites/PassingSuite/runs\">",
                            "<input name=\"filter\"", "<input name=\"ref\"")
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

        assertThat(page).contains("<a href=\"/suites/PassingSuite/runs?before=" + number + "&amp;limit=1\">Older runs</a>");
    }

    @Test
    void failedRunPageShowsTheFailureTheTestsAndWhatCanBeDone() {
        String path = browser.submit("/suites/FailingSuite/runs", "");
        browser.awaitFinished(path);

        assertThat(browser.get(path).body())
                .contains("<h1>FailingSuite run #", "<span class=\"result failed\">failed</span></h1>")
                .contains("<a href=\"" + path + "/tests/fails\">fails</a></td><td><span class=\"result failed\">failed</span>")
                .contains("<div class=\"message\">expected status 200 but was 503</div>")
                .contains("<a href=\"" + path + "/tests/passes\">passes</a></td><td><span class=\"result passed\">passed</span>")
                .contains("action=\"" + path + "/retry\"", "<a href=\"" + path + "/junit.xml\">JUnit XML</a>", "1 passed, 1 failed")
                .doesNotContain("action=\"" + path + "/cancel\"");
    }

    @Test
    void suiteFailureShowsItsStackTraceAndTheSetupLog() {
        String path = browser.submit("/suites/SetupFailureSuite/runs", "");
        browser.awaitFinished(path);

        assertThat(browser.get(path).body())
                .contains("<h2>Suite failure</h2>\n<p class=\"message\">")
                .contains("system under test is down")
                .contains("<details><summary>Stack trace</summary><pre>java.lang.IllegalStateException: system under test is down")
                .containsPattern("<h2>Setup and teardown log</h2>\n<pre>[^<]*connecting to the system under test");
    }

    @Test
    void testPageShowsEachAttemptWithItsLogSpansAndValues() {
        String run = browser.submit("/suites/NestedSuite/runs", "");
        browser.awaitFinished(run);

        HttpResponse<String> response = browser.get(run + "/tests/Checkout/paysWithCard");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("<h1>Checkout/paysWithCard <span class=\"result passed\">passed</span></h1>")
                .contains("<h2>Attempt 1 of 1 <span class=\"result passed\">passed</span></h2>")
                .containsPattern("<h3>Log</h3>\n<pre>\\S+ log paid with visa\n")
                .containsPattern("<td style=\"padding-left: 8px\">authorize</td><td>\\d+ ms</td><td>amount=42</td>")
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
        assertThat(inProgress).contains(Browser.REFRESH, "action=\"" + path + "/cancel\"")
                .containsPattern("<span class=\"result (pending|running)\">(pending|running)</span></h1>");

        SlowSuite.release.countDown();
        assertThat(browser.awaitFinished(path)).isEqualTo("passed");
        assertThat(browser.get(path).body()).doesNotContain(Browser.REFRESH);
    }

    @Test
    void textFromTestsAndRequestsIsEscapedOnEveryPage() {
        String run = browser.submit(MARKUP_RUNS, "ref=%3Cscript%3Ealert(3)%3C%2Fscript%3E");
        browser.awaitFinished(run);
        String suite = MARKUP_RUNS.substring(0, MARKUP_RUNS.length() - "/runs".length());

        List<String> pages = List.of(browser.get("/suites").body(), browser.get(suite).body(), browser.get(MARKUP_RUNS).body(),
                browser.get(run).body(), browser.get(run + "/tests/logsMarkup").body(), browser.get(run + "9/tests/x").body());

        assertThat(pages).allSatisfy(page -> assertThat(page).contains(MARKUP_ESCAPED).doesNotContain("<script", "<img", MARKUP));
        assertThat(browser.get(run).body()).contains("&lt;script&gt;alert(3)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;");
        assertThat(browser.get(run + "/tests/logsMarkup").body())
                .contains(" log &lt;script&gt;alert(1)&lt;/script&gt;\n", "&lt;img src=x onerror=alert(2)&gt;");
    }

    @Test
    void linksAreTheUrlsOfTheJsonApi() {
        String run = browser.submit(MARKUP_RUNS, "");
        browser.awaitFinished(run);
        JsonNode suite = browser.json(MARKUP_RUNS.substring(0, MARKUP_RUNS.length() - "/runs".length()));
        JsonNode detail = browser.json(run);

        assertThat(browser.get("/suites").body()).contains("href=\"" + suite.get("url").asText() + "\"");
        assertThat(detail.get("url").asText()).isEqualTo(run);
        assertThat(browser.get(run).body()).contains("href=\"" + detail.get("tests").get(0).get("url").asText() + "\"");
    }

    @Test
    void badFilterFromTheFormIsA400PageNamingTheProblem() {
        HttpResponse<String> response = browser.post("/suites/PassingSuite/runs", "filter=%28");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
        assertThat(response.body())
                .contains("<h1>400 Bad Request</h1>")
                .contains("<p class=\"message\">filter &#39;(&#39; is not a valid regular expression: Unclosed group near index 1</p>");
    }
}
