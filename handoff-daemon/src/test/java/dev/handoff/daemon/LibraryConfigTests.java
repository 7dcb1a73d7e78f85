package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.daemon.config.ConfigException;
import dev.handoff.daemon.fixtures.PassingSuite;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's door to the settings: each builder method checks its value at once and names
 * itself, not a command-line flag, when the value does not fit.
 */
class LibraryConfigTests {

    @TempDir
    Path dataDir;

    @Test
    void aBadNumberIsNamedByItsBuilderMethod() {
        assertThatThrownBy(() -> Handoff.builder().port(70_000))
                .isInstanceOf(ConfigException.class)
                .hasMessage("port(70000) is not a number from 0 to 65535");
        assertThatThrownBy(() -> Handoff.builder().maxConcurrentRuns(0))
                .hasMessage("maxConcurrentRuns(0) is not a whole number of at least 1");
        assertThatThrownBy(() -> Handoff.builder().maxPendingRuns(-3))
                .hasMessage("maxPendingRuns(-3) is not a whole number of at least 1");
    }

    @Test
    void aBadDurationIsNamedByItsBuilderMethod() {
        assertThatThrownBy(() -> Handoff.builder().hookTimeout(Duration.ZERO))
                .hasMessage("hookTimeout(0ms) must be more than 0, such as 5s");
        assertThatThrownBy(() -> Handoff.builder().retention(Duration.ofDays(-1)))
                .hasMessageStartingWith("retention(")
                .hasMessageEndingWith("must not be negative: give a duration such as 30d, or 0 to keep runs forever");
    }

    @Test
    void settingsThatGoTogetherAreNamedByTheirBuilderMethods() {
        assertThatThrownBy(() -> Handoff.builder()
                        .tlsClientCertificates(Path.of("ca.pem"), Path.of("roles"))
                        .config())
                .hasMessage("tlsClientCertificates(ca.pem) needs the tls cert of tls(…): TLS: give the certificate and"
                        + " key too");
        assertThatThrownBy(() -> Handoff.builder().gitHubStatus(null, "SECRET").config())
                .hasMessage("gitHubStatus(…) needs its github repository: the repository as OWNER/REPO");
    }

    @Test
    void noLibraryMessageNamesACommandLineFlag() {
        assertThatThrownBy(
                        () -> Handoff.builder().tls(Path.of("cert.pem"), null).config())
                .message()
                .doesNotContain("--");
        assertThatThrownBy(() -> Handoff.builder().webhook("events.example/SECRET"))
                .hasMessage("webhook(…) is not an absolute http(s) URL");
    }

    @Test
    void retentionZeroKeepsRunsForever() {
        assertThat(Handoff.builder().retention(Duration.ZERO).config().runs().retention())
                .isEmpty();
        assertThat(Handoff.builder().config().runs().retention()).contains(Duration.ofDays(30));
    }

    @Test
    void theBuildersDefaultsAreTheDeclaredOnes() {
        var config = Handoff.builder().suites(PassingSuite.class).config();

        assertThat(config.server().port()).isEqualTo(1337);
        assertThat(config.storage().dataDir()).isEqualTo(Path.of("handoff-data"));
        assertThat(config.hooks().pagerDutyUrl()).isEqualTo(URI.create("https://events.pagerduty.com/v2/enqueue"));
        assertThat(config.suites().classes()).containsExactly(PassingSuite.class);
    }

    @Test
    void aDaemonOnPostgresIsOneOfReplicasAndAnH2DaemonIsAlone() {
        assertThat(Handoff.builder()
                        .database("jdbc:postgresql://db/handoff", "handoff", "")
                        .config()
                        .storage()
                        .shared())
                .isTrue();
        assertThat(Handoff.builder().dataDir(dataDir).config().storage().shared())
                .isFalse();
    }
}
