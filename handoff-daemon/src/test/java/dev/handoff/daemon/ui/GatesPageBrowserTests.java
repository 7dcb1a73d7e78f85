package dev.handoff.daemon.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.FailingSuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The gates pages in a real headless Chromium: the list of gates with their runs, and one gate's page. */
@TestMethodOrder(
        MethodOrderer.OrderAnnotation.class) // the first test names the gates it made by their numbers, 1 and 2
class GatesPageBrowserTests {

    @TempDir
    static Path dataDir;

    @TempDir
    static Path profile;

    private static Handoff handoff;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        Chromium.requireInstalled();
        SlowSuite.release = new CountDownLatch(1);
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class, FailingSuite.class, SlowSuite.class));
        browser = Chromium.start(profile);
    }

    @AfterAll
    static void stop() {
        SlowSuite.release.countDown();
        if (browser != null) {
            browser.quit();
        }
        if (handoff != null) {
            handoff.close();
        }
    }

    @Test
    @Order(1)
    void theGatesPageListsEachGateWithItsVerdictAndRunsAndLeadsToThem() {
        Daemons api = new Daemons(handoff.url());
        assertThat(api.postJson("/gates?wait=20s", "{\"suites\": [\"PassingSuite\"], \"ref\": \"v1\"}")
                        .status())
                .isEqualTo(201);
        assertThat(api.postJson(
                                "/gates?wait=20s",
                                "{\"suites\": [\"PassingSuite\", \"FailingSuite\"], \"ref\": \"<b>v2</b>\"}")
                        .status())
                .isEqualTo(201);

        open("/suites");
        browser.findElement(By.linkText("Gates")).click();
        await().until(driver -> driver.getCurrentUrl().endsWith("/gates"));

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Gates");
        WebElement newest = browser.findElement(By.cssSelector("table.gates tbody tr:first-child"));
        assertThat(newest.getText()).contains("#2", "✗ failed", "<b>v2</b>", "PassingSuite #2", "FailingSuite #1");
        assertThat(newest.findElements(By.cssSelector("ul.gate-runs li"))).hasSize(2);
        WebElement oldest = browser.findElement(By.cssSelector("table.gates tbody tr:last-child"));
        assertThat(oldest.getText()).contains("#1", "✓ passed", "v1", "PassingSuite #1");
        Chromium.screenshot(browser, "gates-01-list");

        newest.findElement(By.linkText("#2")).click();
        await().until(driver -> driver.getCurrentUrl().endsWith("/gates/2"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Gate #2", "failed");
        assertThat(browser.findElement(By.id("gate-reason")).getText())
                .isEqualTo("gate 2 failed: FailingSuite run 1 failed");
        assertThat(browser.findElements(By.cssSelector("table.runs tbody tr"))).hasSize(2);
        Chromium.screenshot(browser, "gates-02-gate");

        browser.findElement(By.linkText("#1")).click();
        await().until(driver -> driver.getCurrentUrl().endsWith("/suites/FailingSuite/runs/1"));
    }

    @Test
    @Order(2)
    void aGatesPageFollowsItsVerdictUntilItIsIn() {
        Daemons api = new Daemons(handoff.url());
        Daemons.Response gate = api.postJson("/gates", "{\"suites\": [\"SlowSuite\"], \"ref\": \"v3\"}");
        assertThat(gate.status()).isEqualTo(201);

        open(gate.location());
        assertThat(browser.findElement(By.tagName("h1")).getText()).containsAnyOf("pending", "running");
        SlowSuite.release.countDown();

        await().until(driver -> driver.findElement(By.tagName("h1")).getText().contains("passed"));
        assertThat(browser.findElement(By.id("gate-reason")).getText()).endsWith("passed: 1 of 1 runs ended");
    }

    private static void open(String path) {
        browser.get(handoff.url().resolve(path).toString());
    }

    private static WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40), Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }
}
