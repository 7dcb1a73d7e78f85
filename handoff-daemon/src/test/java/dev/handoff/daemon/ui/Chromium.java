package dev.handoff.daemon.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's headless Chromium (Debian {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs), driven through its own chromedriver: Selenium is given both paths,
 * so its manager never looks for (or downloads) a browser. A fresh profile per browser, and the
 * flags that keep Chromium from reaching out to the network, which this machine refuses.
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Chromium() {}

    /**
     * Fails, once for the test class and in one line, when the browser or its driver is missing:
     * call it first in {@code @BeforeAll}, before anything is started for the browser.
     */
    static void requireInstalled() {
        requireInstalled(BROWSER, DRIVER);
    }

    static void requireInstalled(Path browser, Path driver) {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(browser)) {
            missing.add("chromium (" + browser + ")");
        }
        if (!Files.isExecutable(driver)) {
            missing.add("chromium-driver (" + driver + ")");
        }
        if (!missing.isEmpty()) {
            throw new BrowserMissing("the browser tests need the system's Chromium and chromedriver; install "
                    + String.join(" and ", missing) + ": apt-get install chromium chromium-driver (.ci/run does)");
        }
    }

    /** A missing browser: its message says what to install, and a stack trace would add nothing. */
    static final class BrowserMissing extends AssertionError {
        BrowserMissing(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    static ChromeDriver start(Path profile) {
        requireInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-extensions",
                "--disable-default-apps",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1400,1000",
                "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** The whole page (not only the window) as a PNG under {@code target/screenshots}. */
    static void screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Object height = driver.executeScript("return Math.max(document.body.scrollHeight, 600);");
            driver.manage()
                    .window()
                    .setSize(new org.openqa.selenium.Dimension(
                            1400, Math.min(4000, ((Number) height).intValue() + 140)));
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
