package dev.handoff.daemon.web.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.FailingSuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One URL, two representations: the {@code Accept} header chooses between a page and JSON. */
class HtmlNegotiationTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static Handoff handoff;
    private static Browser browser;
    private static String run;

    @BeforeAll
    static void start() {
        handoff = Daemons.local(dataDir, PassingSuite.class, FailingSuite.class)
                .build()
                .start();
        assertThat(handoff.awaitReady(Daemons.PATIENCE)).isTrue();
        browser = new Browser(handoff.url());
        run = browser.submit("/suites/FailingSuite/runs", "");
        browser.awaitFinished(run);
    }

    @AfterAll
    static void stop() {
        handoff.close();
    }

    @ParameterizedTest(name = "Accept: {0} gives {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            none                                                              | application/json
            */*                                                               | application/json
            application/json                                                  | application/json
            text/html, application/json                                       | application/json
            text/html;q=0.5, application/json                                 | application/json
            text/html;q=0, */*                                                | application/json
            text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8  | text/html
            text/html                                                         | text/html
            text/*, application/json;q=0.9                                    | text/html
            application/json;q=0.9, text/html                                 | text/html
            """)
    void acceptChoosesTheRepresentation(String accept, String type) {
        for (String path : pages()) {
            HttpResponse<String> response = browser.get(path, accept);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue(type + "; charset=UTF-8");
        }
    }

    @Test
    void jsonClientsGetTheSameJsonWithOrWithoutAccept() throws Exception {
        awaitNoRunGoing();
        for (String path : pages()) {
            HttpResponse<String> withAccept = browser.get(path, "application/json");
            HttpResponse<String> without = browser.get(path, null);

            assertThat(JSON.readTree(withAccept.body())).as(path).isEqualTo(JSON.readTree(without.body()));
        }
    }

    /** Two reads of a run that is still going differ; the comparison wants both to see the same state. */
    private void awaitNoRunGoing() throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (JSON.readTree(browser.get("/suites", "application/json").body()).findValuesAsText("result").stream()
                .anyMatch(result -> result.equals("pending") || result.equals("running"))) {
            assertThat(java.time.Instant.now())
                    .as("runs still going after 20 s")
                    .isBefore(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void negotiatedResponsesVaryOnAccept() {
        for (String accept : new String[] {Browser.ACCEPT, "application/json"}) {
            assertThat(browser.get("/suites", accept).headers().firstValue("Vary"))
                    .as(accept)
                    .hasValue("Accept");
            assertThat(browser.get("/suites/nope", accept).headers().firstValue("Vary"))
                    .as(accept)
                    .hasValue("Accept");
        }
    }

    @Test
    void errorsAreAPageForBrowsersAndAProblemForOthersWithTheSameStatus() {
        HttpResponse<String> page = browser.get("/suites/nope");
        HttpResponse<String> problem = browser.get("/suites/nope", "application/json");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
        assertThat(page.body())
                .contains("<h1>404 Not Found</h1>", "<p class=\"message\" role=\"alert\">no suite named 'nope'</p>");
        assertThat(problem.statusCode()).isEqualTo(404);
        assertThat(problem.headers().firstValue("Content-Type")).hasValue("application/problem+json; charset=UTF-8");
    }

    @Test
    void methodNotAllowedIsAPageForBrowsersWithItsAllowHeader() {
        HttpResponse<String> response = browser.post("/suites", "");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(response.body()).contains("<h1>405 Method Not Allowed</h1>", "/suites takes GET, HEAD, not POST");
    }

    @Test
    void formPostedByAJsonClientGetsTheCreatedRunAsJson() throws Exception {
        HttpResponse<String> response = browser.post("/suites/PassingSuite/runs", "ref=abc123", null);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        assertThat(JSON.readTree(response.body()).get("initiatedBy").asText()).isEqualTo("api");
        assertThat(JSON.readTree(response.body()).get("ref").asText()).isEqualTo("abc123");
    }

    @Test
    void junitXmlStaysXmlForBrowsers() {
        HttpResponse<String> response = browser.get(run + "/junit.xml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/xml; charset=UTF-8");
    }

    private static List<String> pages() {
        return List.of("/suites", "/suites/FailingSuite", "/suites/FailingSuite/runs", run, run + "/tests/fails");
    }
}
