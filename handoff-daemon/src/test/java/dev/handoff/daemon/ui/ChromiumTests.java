package dev.handoff.daemon.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChromiumTests {

    @Test
    void missingBrowserAndDriverAreOneLineSayingWhatToInstall() {
        Chromium.BrowserMissing missing = catchThrowableOfType(
                Chromium.BrowserMissing.class,
                () -> Chromium.requireInstalled(
                        Path.of("/nonexistent/chromium"), Path.of("/nonexistent/chromedriver")));

        assertThat(missing.getMessage())
                .isEqualTo("the browser tests need the system's Chromium and chromedriver; install chromium"
                        + " (/nonexistent/chromium) and chromium-driver (/nonexistent/chromedriver):"
                        + " apt-get install chromium chromium-driver (.ci/run does)");
        assertThat(missing.getStackTrace()).isEmpty();
    }
}
