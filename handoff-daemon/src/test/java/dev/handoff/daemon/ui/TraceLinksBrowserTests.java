package dev.handoff.daemon.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.TracedSuite;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * In a real headless Chromium: the test page links each attempt to its trace and logs by the
 * daemon's {@code --trace-url} and {@code --logs-url}, and the run page links each test to its
 * trace, with the trace id the API returns.
 */
class TraceLinksBrowserTests {

    @TempDir
    static Path dataDir;

    @TempDir
    static Path profile;

    private static HttpServer service;
    private static Handoff handoff;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        Chromium.requireInstalled();
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        service.start();
        TracedSuite.service =
                URI.create("http://127.0.0.1:" + service.getAddress().getPort() + "/orders");
        handoff = Daemons.started(Daemons.local(dataDir, TracedSuite.class)
                .traceUrl("https://tempo.example/trace/{traceId}")
                .logsUrl("https://logs.example/search?q=trace_id%3D{traceId}&test={test}&from={start}"));
        browser = Chromium.start(profile);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (handoff != null) {
            handoff.close();
        }
        if (service != null) {
            service.stop(0);
        }
    }

    @Test
    void testAndRunPagesLinkEachAttemptToItsTraceAndLogs() {
        Daemons api = new Daemons(handoff.url());
        long number = api.trigger("TracedSuite", "");
        api.awaitFinished("TracedSuite", number);
        String traceId = api.get("/suites/TracedSuite/runs/" + number + "/tests/placesOrder")
                .json()
                .get("attempts")
                .get(0)
                .get("traceId")
                .asText();
        assertThat(traceId)
                .as(api.get("/suites/TracedSuite/runs/" + number + "/tests/placesOrder")
                        .body())
                .matches("[0-9a-f]{32}");

        browser.get(handoff.url()
                .resolve("/suites/TracedSuite/runs/" + number + "/tests/placesOrder")
                .toString());
        WebElement trace = browser.findElement(By.cssSelector("p.trace"));
        assertThat(trace.getText()).contains(traceId);
        assertThat(trace.findElement(By.cssSelector("a.trace-link")).getDomAttribute("href"))
                .isEqualTo("https://tempo.example/trace/" + traceId);
        assertThat(trace.findElement(By.cssSelector("a.logs-link")).getDomAttribute("href"))
                .startsWith("https://logs.example/search?q=trace_id%3D" + traceId + "&test=placesOrder&from=");
        Chromium.screenshot(browser, "trace-01-test");

        browser.get(handoff.url().resolve("/suites/TracedSuite/runs/" + number).toString());
        assertThat(browser.findElement(By.cssSelector("a.trace-link")).getDomAttribute("href"))
                .isEqualTo("https://tempo.example/trace/" + traceId);
        Chromium.screenshot(browser, "trace-02-run");
    }
}
