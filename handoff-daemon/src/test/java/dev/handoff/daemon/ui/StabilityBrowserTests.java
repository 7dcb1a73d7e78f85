package dev.handoff.daemon.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.HistorySuite;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Tests' stability in a real headless Chromium: the suite's tests page, the flaky tests panels of
 * the overview and the suite page, and a test's page where a person quarantines the test and lifts
 * the quarantine with its forms. The history is written by real runs of {@link HistorySuite}.
 */
class StabilityBrowserTests {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @TempDir
    static Path dataDir;

    @TempDir
    static Path profile;

    private static Handoff handoff;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        Chromium.requireInstalled();
        handoff = Daemons.started(Daemons.local(dataDir, HistorySuite.class).stabilityMinRuns(3));
        Daemons api = new Daemons(handoff.url());
        for (int run = 1; run <= 6; run++) {
            long number = api.postJson(
                            "/suites/HistorySuite/runs",
                            "{\"filter\": \"^(stable|flaky|broken)$\", \"parameters\": {\"flaky\": \"" + (run % 2 == 0)
                                    + "\", \"broken\": \"" + (run > 3) + "\"}}")
                    .json()
                    .get("number")
                    .asLong();
            api.awaitFinished("HistorySuite", number);
        }
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
    }

    @Test
    void theTestsPageAndThePanelsShowEachTestsStability() {
        open("/suites/HistorySuite/tests");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("HistorySuite");
        assertThat(stabilityOf("stable")).contains("stable");
        assertThat(stabilityOf("flaky")).contains("flaky");
        assertThat(stabilityOf("broken")).contains("broken");
        assertThat(stabilityOf("recovered")).contains("new");
        Chromium.screenshot(browser, "stability-01-tests");

        open("/suites");
        WebElement panel = browser.findElement(By.cssSelector("section.flaky-tests"));
        assertThat(panel.getText()).contains("Flaky tests", "flaky", "broken").doesNotContain("recovered");
        Chromium.screenshot(browser, "stability-02-overview-panel");

        open("/suites/HistorySuite");
        assertThat(browser.findElement(By.cssSelector("section.flaky-tests")).getText())
                .contains("flaky", "broken");
        browser.findElement(By.linkText("flaky")).click();
        await().until(driver -> browser.getCurrentUrl().endsWith("/suites/HistorySuite/tests/flaky"));
        assertThat(browser.findElement(By.cssSelector("section.stability")).getText())
                .contains("Stability: ≈ flaky")
                .contains("Runs judged");
        assertThat(browser.findElements(By.cssSelector("section.stability ol.strip li")))
                .hasSize(6);
    }

    @Test
    void aPersonQuarantinesATestAndLiftsItFromItsPage() {
        open("/suites/HistorySuite/tests/broken");
        browser.findElement(By.id("quarantine-reason")).sendKeys("PRICE-9 price service down");
        browser.findElement(By.id("quarantine-expires")).sendKeys("3d");
        browser.findElement(By.id("quarantine")).click();

        await().until(driver -> browser.findElements(By.id("lift-quarantine")).size() == 1);
        assertThat(browser.getCurrentUrl()).endsWith("/suites/HistorySuite/tests/broken");
        assertThat(browser.findElement(By.cssSelector("td.quarantine")).getText())
                .contains("quarantined by ui: PRICE-9 price service down", "until");
        assertThat(browser.findElement(By.cssSelector("ul.audit")).getText()).contains("quarantined by ui");
        Chromium.screenshot(browser, "stability-03-quarantined");

        open("/suites/HistorySuite/tests");
        assertThat(browser.findElement(By.cssSelector("tr[data-test='broken']")).getText())
                .contains("quarantined");

        open("/suites/HistorySuite/tests/broken");
        browser.findElement(By.id("lift-quarantine")).click();
        await().until(driver -> browser.findElements(By.id("quarantine")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("td.quarantine")).getText())
                .isEqualTo("not quarantined");
        assertThat(browser.findElement(By.cssSelector("ul.audit")).getText()).contains("lifted by ui");
    }

    private static String stabilityOf(String test) {
        return browser.findElement(By.cssSelector("tr[data-test='" + test + "'] td:nth-child(2)"))
                .getText();
    }

    private static void open(String path) {
        browser.get(handoff.url().resolve(path).toString());
    }

    private static WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }
}
