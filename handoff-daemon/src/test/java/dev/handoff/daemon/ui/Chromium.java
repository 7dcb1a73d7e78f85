package dev.handoff.daemon.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    static ChromeDriver start(Path profile) {
        assertThat(BROWSER)
                .as("Chromium for the browser tests; install the Debian packages chromium and chromium-driver"
                        + " (.ci/run does)")
                .isExecutable();
        assertThat(DRIVER)
                .as("chromedriver for the browser tests; install the Debian package chromium-driver (.ci/run does)")
                .isExecutable();
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
