package dev.handoff.daemon.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.Daemons;
import dev.handoff.daemon.Handoff;
import dev.handoff.daemon.fixtures.FailingSuite;
import dev.handoff.daemon.fixtures.MarkupSuite;
import dev.handoff.daemon.fixtures.NestedSuite;
import dev.handoff.daemon.fixtures.PassingSuite;
import dev.handoff.daemon.fixtures.SlowSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real headless Chromium against a daemon in this process: what a person does
 * with them (look, trigger, watch, read logs, retry, schedule) and that text from tests never runs
 * as script. Each test saves screenshots under {@code target/screenshots}.
 */
class UiBrowserTests {

    private static final String MARKUP = "Markup \"'<>& suite";
    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @TempDir
    static Path dataDir;

    @TempDir
    static Path profile;

    private static Handoff handoff;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        SlowSuite.release = new CountDownLatch(1);
        handoff = Daemons.started(Daemons.local(
                        dataDir,
                        PassingSuite.class,
                        FailingSuite.class,
                        NestedSuite.class,
                        SlowSuite.class,
                        MarkupSuite.class)
                .environment("staging-eu"));
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

    @AfterEach
    void noScriptFromTestsRan() {
        assertNoAlert();
        assertThat(browser.executeScript("return window.__xss === undefined ? null : String(window.__xss);"))
                .as("window.__xss, which markup from tests would set if it ran")
                .isNull();
    }

    @Test
    void overviewShowsEverySuiteWithItsRecentRunsAndFilters() {
        for (int i = 0; i < 3; i++) {
            runToTheEnd("PassingSuite");
        }
        runToTheEnd("FailingSuite");
        open("/suites/PassingSuite");
        assertThat(browser.findElements(By.cssSelector("figure.chart rect.bar.passed")))
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.findElement(By.cssSelector(".description")).getText())
                .isEqualTo("Everything works.");
        Chromium.screenshot(browser, "00-suite");

        open("/");

        assertThat(browser.getCurrentUrl()).endsWith("/suites");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Suites");
        WebElement passing = row("PassingSuite");
        assertThat(passing.getText()).contains("checkout", "✓ passed", "100%");
        assertThat(passing.findElements(By.cssSelector("ol.strip a.cell.passed")))
                .isNotEmpty();
        assertThat(row("FailingSuite").getText()).contains("✗ failed", "0%");
        assertThat(browser.findElement(By.xpath("//tbody/tr/th[normalize-space()='" + "NestedSuite" + "']/.."))
                        .getText())
                .contains("never run", "smoke", "team=payments");
        Chromium.screenshot(browser, "01-suites");

        new Select(browser.findElement(By.name("namespace"))).selectByVisibleText("checkout");
        browser.findElement(By.cssSelector("form.filters button")).click();

        await().until(ExpectedConditions.urlContains("namespace=checkout"));
        await().until(driver ->
                browser.findElements(By.cssSelector("table.suites tbody tr")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("table.suites tbody")).getText())
                .contains("PassingSuite");
        Chromium.screenshot(browser, "02-suites-filtered");
    }

    /**
     * In a narrow window the overview's table squeezes its columns, but no header, button or time
     * is cut inside a word ("Namespac/e", "Ru/n", "2026-12-/04T..."): those wrap between words only.
     */
    @Test
    void overviewInANarrowWindowCutsNoHeaderButtonOrTimeInsideAWord() {
        runToTheEnd("FailingSuite");
        Dimension usual = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(1024, 1000));
            open("/suites");

            Object cut = browser.executeScript("""
                    const visibleText = e => {
                      const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
                      const nodes = [];
                      while (walker.nextNode()) {
                        if (walker.currentNode.parentElement.getBoundingClientRect().width > 1 && walker.currentNode.textContent.trim()) {
                          nodes.push(walker.currentNode);
                        }
                      }
                      return nodes;
                    };
                    return Array.from(document.querySelectorAll('table.suites thead th, table.suites tbody button, table.suites tbody time')).filter(e => {
                      const nodes = visibleText(e);
                      const words = nodes.map(n => n.textContent.trim().split(/\\s+/).length).reduce((a, b) => a + b, 0);
                      const tops = new Set();
                      nodes.forEach(n => {
                        const range = document.createRange();
                        range.selectNodeContents(n);
                        Array.from(range.getClientRects()).filter(r => r.width > 0).forEach(r => tops.add(Math.round(r.top)));
                      });
                      return tops.size > words;
                    }).map(e => visibleText(e).map(n => n.textContent.trim()).join(' '));""");

            assertThat((List<?>) cut)
                    .as("headers, buttons and times cut inside a word")
                    .isEmpty();
        } finally {
            browser.manage().window().setSize(usual);
        }
    }

    @Test
    void runTriggeredFromTheFormFinishesLiveWithoutReloading() {
        SlowSuite.release = new CountDownLatch(1);
        open("/suites/SlowSuite");
        browser.findElement(By.id("ref")).sendKeys("v1.2.3");
        browser.findElement(By.cssSelector("form.trigger button[type=submit]")).click();

        await().until(ExpectedConditions.urlMatches("/suites/SlowSuite/runs/\\d+$"));
        assertThat(heading()).matches("SlowSuite run #\\d+ . (pending|running)");
        assertThat(browser.findElement(By.id("live")).getAttribute("data-events"))
                .endsWith("/events");
        browser.executeScript("window.__sameDocument = true;");
        Chromium.screenshot(browser, "03-run-in-progress");

        SlowSuite.release.countDown();

        await().until(driver -> heading().endsWith("passed"));
        assertThat(browser.executeScript("return window.__sameDocument === true;"))
                .as("the page updated without reloading")
                .isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector("table.facts")).getText())
                .contains("Ref v1.2.3", "Initiated by ui", "Environment staging-eu");
        assertThat(browser.findElement(By.id("live")).getText()).contains("waits");
        Chromium.screenshot(browser, "04-run-finished-live");
    }

    @Test
    void failedTestShowsItsLogsAsTextSearchablyAndCanBeRetried() {
        open("/suites/" + Daemons.segment(MARKUP));
        assertThat(heading()).isEqualTo(MARKUP);
        assertThat(browser.findElement(By.cssSelector(".description")).getText())
                .contains("Shows markup as text: <script>window.__xss = 'description'</script>");
        Chromium.screenshot(browser, "05-markup-suite");
        browser.findElement(By.cssSelector("form.trigger button[type=submit]")).click();
        await().until(ExpectedConditions.urlMatches("/runs/\\d+$"));
        await().until(driver -> heading().endsWith("failed"));
        Chromium.screenshot(browser, "05-run-failed-markup");

        browser.findElement(By.linkText("logsMarkup")).click();

        await().until(driver -> heading().equals("logsMarkup ✗ failed"));
        WebElement log = browser.findElement(By.cssSelector("pre.log"));
        assertThat(log.getText())
                .contains("log <script>alert(1)</script>", "log <img src=x onerror=\"window.__xss = 'log'\">");
        assertThat(browser.findElement(By.cssSelector("p.message")).getText())
                .isEqualTo("<img src=x onerror=alert(2)>");
        assertThat(browser.findElement(By.cssSelector("section.attempt")).getText())
                .contains("<i>key</i>", "<script>window.__xss = 'value'</script>");
        WebElement search = browser.findElement(By.cssSelector("input[data-log-search]"));
        assertThat(search.isDisplayed()).isTrue();
        search.sendKeys("alert");
        assertThat(log.findElements(By.cssSelector(".line")).stream()
                        .filter(WebElement::isDisplayed)
                        .toList())
                .hasSize(1);
        assertThat(browser.findElement(By.cssSelector("[data-log-count]")).getText())
                .isEqualTo("1 of 2 lines");
        Chromium.screenshot(browser, "06-test-log-searched");

        browser.findElement(By.linkText("History of this test across runs")).click();
        await().until(driver -> heading().equals("logsMarkup history"));
        Chromium.screenshot(browser, "07-test-history");
        browser.navigate().back();

        await().until(driver -> heading().startsWith("logsMarkup ✗"));
        browser.findElement(By.cssSelector("nav.crumbs a:last-child")).click();
        await().until(driver -> browser.findElement(By.xpath("//button[normalize-space()='Retry failed tests']")))
                .click();
        await().until(driver ->
                browser.findElement(By.cssSelector("table.facts")).getText().contains("Execution retry 1")
                        && heading().endsWith("failed"));
        assertThat(browser.findElement(By.xpath("//tbody/tr[td/a[normalize-space()='logsMarkup']]"))
                        .getText())
                .contains("✗ failed 2");
        Chromium.screenshot(browser, "08-run-retried");
    }

    @Test
    void scheduleIsCreatedPausedResumedAndDeletedFromItsPage() {
        open("/schedules");
        fill("schedule-name", "nightly <b>smoke & \"co\"");
        new Select(browser.findElement(By.id("schedule-suite"))).selectByVisibleText("PassingSuite");
        fill("schedule-expression", "0s");
        browser.findElement(By.xpath("//button[normalize-space()='Create']")).click();

        assertThat(await().until(driver -> browser.findElement(By.id("schedule-error")))
                        .getText())
                .contains("every");
        assertThat(browser.findElement(By.id("schedule-name")).getAttribute("value"))
                .isEqualTo("nightly <b>smoke & \"co\"");
        Chromium.screenshot(browser, "09-schedule-refused");

        fill("schedule-expression", "1h");
        browser.findElement(By.xpath("//button[normalize-space()='Create']")).click();

        String name = "nightly <b>smoke & \"co\"";
        WebElement row = awaitScheduleRow(name, "active");
        assertThat(row.getText()).contains("PassingSuite", "every 1h");
        Chromium.screenshot(browser, "10-schedules");

        row.findElement(By.xpath(".//button[starts-with(normalize-space(), 'Pause')]"))
                .click();
        awaitScheduleRow(name, "paused")
                .findElement(By.xpath(".//button[starts-with(normalize-space(), 'Resume')]"))
                .click();
        awaitScheduleRow(name, "active");
        open("/suites");
        assertThat(row("PassingSuite").findElements(By.tagName("time")))
                .as("the next fire on the overview")
                .isNotEmpty();

        open("/schedules");
        scheduleRow(name)
                .findElement(By.xpath(".//button[starts-with(normalize-space(), 'Delete')]"))
                .click();
        await().until(driver ->
                browser.findElement(By.tagName("main")).getText().contains("No schedules yet."));
    }

    @Test
    void markupInNamesLabelsAndFiltersStaysText() {
        open("/suites?q=" + Daemons.segment("<script>window.__xss='query'</script>"));
        assertThat(browser.findElement(By.name("q")).getAttribute("value"))
                .isEqualTo("<script>window.__xss='query'</script>");

        open("/suites?label=" + Daemons.segment("<b>bold</b>"));
        assertThat(row(MARKUP).getText()).contains("<b>bold</b>");
        Chromium.screenshot(browser, "11-markup-suite-row");

        open("/suites/" + Daemons.segment(MARKUP) + "/runs/999");
        assertThat(heading()).isEqualTo("404 Not Found");
        Chromium.screenshot(browser, "12-not-found");
    }

    @Test
    void everyPageIsKeyboardReachableFromASkipLink() {
        open("/suites");
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);

        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to content");
        assertThat(focused.isDisplayed()).isTrue();
        for (String path : List.of("/suites", "/schedules", "/suites/PassingSuite")) {
            open(path);
            assertThat(browser.findElements(By.cssSelector("input:not([type=hidden]):not([type=radio]), select")))
                    .as("every field of %s has a label", path)
                    .allSatisfy(field -> assertThat(labelled(field))
                            .as(field.getAttribute("name"))
                            .isTrue());
        }
    }

    private static boolean labelled(WebElement field) {
        String id = field.getAttribute("id");
        return (id != null
                        && !id.isEmpty()
                        && !browser.findElements(By.cssSelector("label[for='" + id + "']"))
                                .isEmpty())
                || !field.findElements(By.xpath("ancestor::label")).isEmpty();
    }

    private static void runToTheEnd(String suite) {
        open("/suites/" + suite);
        browser.findElement(By.cssSelector("form.trigger button[type=submit]")).click();
        await().until(ExpectedConditions.urlMatches("/runs/\\d+$"));
        await().until(driver -> heading().matches(".* (passed|failed|flaky|cancelled)"));
    }

    private static void open(String path) {
        browser.get(handoff.url().resolve(path).toString());
    }

    /** The page's heading; read again when the live part replaced it while it was being read. */
    private static String heading() {
        for (int tries = 1; ; tries++) {
            try {
                return browser.findElement(By.tagName("h1")).getText().strip();
            } catch (StaleElementReferenceException e) {
                if (tries == 5) {
                    throw e;
                }
            }
        }
    }

    private static WebElement row(String suite) {
        return browser.findElement(By.xpath(
                "//table[contains(@class,'suites')]/tbody/tr[th/a[normalize-space()=" + literal(suite) + "]]"));
    }

    private static WebElement scheduleRow(String name) {
        return browser.findElement(
                By.xpath("//table[contains(@class,'schedules')]/tbody/tr[th[starts-with(normalize-space(), "
                        + literal(name) + ")]]"));
    }

    /** The schedule's row once it shows the text: after a form's post, the next page may still be loading. */
    private static WebElement awaitScheduleRow(String name, String text) {
        return await().until(driver -> {
            try {
                WebElement row = scheduleRow(name);
                return row.getText().contains(text) ? row : null;
            } catch (WebDriverException e) {
                // Chromium answers this, not a stale element, for a node read while the next page replaces it.
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return null;
                }
                throw e;
            }
        });
    }

    private static void fill(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** An XPath string literal of any text, quotes included. */
    private static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    private static WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static void assertNoAlert() {
        try {
            String text = browser.switchTo().alert().getText();
            throw new AssertionError("a script from a test's text ran and opened an alert: " + text);
        } catch (NoAlertPresentException expected) {
            // no script ran
        }
    }
}
