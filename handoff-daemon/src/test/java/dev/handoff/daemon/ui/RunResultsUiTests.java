package dev.handoff.daemon.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.RetriedSuite;
import dev.handoff.daemon.fixtures.SoftSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the overview and a run's page show of results, in a real headless Chromium: soft failures
 * on the overview, and a retried run's executions and labelled timeline. Screenshots go to {@code
 * target/screenshots}.
 */
class RunResultsUiTests {

    @TempDir
    static Path dataDir;

    @TempDir
    static Path profile;

    private static Handoff handoff;
    private static ChromeDriver browser;
    private static Daemons http;

    @BeforeAll
    static void start() {
        Chromium.requireInstalled();
        RetriedSuite.repaired = false;
        handoff = Daemons.started(Daemons.local(dataDir, RetriedSuite.class, SoftSuite.class));
        http = new Daemons(handoff.url());
        browser = Chromium.start(profile);
    }

    @AfterAll
    static void stop() {
        RetriedSuite.repaired = false;
        if (browser != null) {
            browser.quit();
        }
        if (handoff != null) {
            handoff.close();
        }
    }

    private static void open(String path) {
        browser.get(handoff.url().resolve(path).toString());
    }

    @Test
    void theOverviewShowsSoftFailuresOfAPassedRun() {
        long number = http.trigger("SoftSuite", "");
        assertThat(http.awaitFinished("SoftSuite", number).get("result").asText())
                .isEqualTo("passed");

        open("/suites");
        WebElement row =
                browser.findElement(By.xpath("//table[contains(@class,'suites')]/tbody/tr[th/a[.='SoftSuite']]"));
        assertThat(row.findElement(By.cssSelector("span.soft-failed")).getText())
                .isEqualTo("1 soft-failed");
        WebElement cell = row.findElement(By.cssSelector("ol.strip .cell"));
        assertThat(cell.getAttribute("class")).contains("passed", "has-soft");
        assertThat(cell.getAttribute("aria-label")).isEqualTo("run " + number + " passed, 1 soft-failed");
        assertThat(cell.getCssValue("box-shadow"))
                .as("the strip's soft-failure mark")
                .isNotEqualTo("none");
        Chromium.screenshot(browser, "results-01-overview-soft-failures");
    }

    @Test
    void aRetriedRunsPageShowsItsExecutionsAndALabelledTimelineOverTheTimeTheyRan() throws InterruptedException {
        long number = http.trigger("RetriedSuite", "");
        http.awaitFinished("RetriedSuite", number);
        Thread.sleep(Duration.ofSeconds(3));
        RetriedSuite.repaired = true;
        assertThat(http.post("/suites/RetriedSuite/runs/" + number + "/retry").status())
                .isEqualTo(202);
        JsonNode retried = http.await(
                "RetriedSuite",
                number,
                run -> run.get("execution").asInt() == 1
                        && !run.get("result").asText().matches("pending|running"),
                "retried");
        assertThat(retried.get("executions")).hasSize(2);

        open("/suites/RetriedSuite/runs/" + number);
        List<String> executions =
                browser.findElements(By.cssSelector("table.executions tbody tr td:first-child")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertThat(executions).containsExactly("first execution", "retry 1");

        WebElement timeline = browser.findElement(By.cssSelector("figure.timeline"));
        WebElement caption = timeline.findElement(By.tagName("figcaption"));
        WebElement chart = timeline.findElement(By.tagName("svg"));
        assertThat(caption.getLocation().getY())
                .as("the caption sits above the chart it explains")
                .isLessThan(chart.getLocation().getY());
        assertThat(caption.getText()).contains("the executions are joined without the time between them");
        List<String> labels = timeline.findElements(By.cssSelector("ol.lane-labels li")).stream()
                .map(WebElement::getText)
                .toList();
        List<WebElement> bars = chart.findElements(By.cssSelector("rect.bar"));
        List<String> tableOrder =
                browser.findElements(By.xpath("//h2[.='Tests']/following::table[1]/tbody/tr/td[1]")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertThat(labels)
                .containsExactlyInAnyOrder("passes", "flakyOnce", "failsUntilRepaired", "leftOut")
                .isEqualTo(tableOrder);
        assertThat(bars).hasSameSizeAs(labels);
        List<WebElement> lanes = timeline.findElements(By.cssSelector("ol.lane-labels li"));
        for (int i = 0; i < labels.size(); i++) {
            int labelMiddle =
                    lanes.get(i).getRect().getY() + lanes.get(i).getRect().getHeight() / 2;
            int barMiddle = bars.get(i).getRect().getY() + bars.get(i).getRect().getHeight() / 2;
            assertThat(Math.abs(labelMiddle - barMiddle))
                    .as("lane %s beside its bar", labels.get(i))
                    .isLessThanOrEqualTo(6);
        }
        long executing = retried.get("executions").get(0).get("durationMillis").asLong()
                + retried.get("executions").get(1).get("durationMillis").asLong();
        String axisEnd = timeline.findElement(By.cssSelector(".axis-labels span:last-child"))
                .getText();
        assertThat(millis(axisEnd))
                .as("the axis (%s) spans the executions (%d ms), not the 3 s between them", axisEnd, executing)
                .isLessThanOrEqualTo(executing);
        Chromium.screenshot(browser, "results-02-retried-run");
    }

    /** {@code 850 ms} or {@code 4.2 s}, as the pages write durations under a minute. */
    private static long millis(String shown) {
        if (shown.endsWith(" ms")) {
            return Long.parseLong(shown.substring(0, shown.length() - 3));
        }
        assertThat(shown).endsWith(" s");
        return Math.round(Double.parseDouble(shown.substring(0, shown.length() - 2)) * 1000);
    }
}
