package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.daemon.fixtures.PassingSuite;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps a browser from being used against the daemon: the security headers on every page
 * (clickjacking, sniffing, referrers) and the {@code Host} check against DNS rebinding.
 */
class BrowserHardeningTests {

    @TempDir
    Path dataDir;

    private Handoff handoff;

    @AfterEach
    void stop() {
        if (handoff != null) {
            handoff.close();
        }
    }

    @Test
    void everyPageAndAnswerCarriesTheSecurityHeadersAndNoHstsOverPlainHttp() {
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class));
        Daemons http = new Daemons(handoff.url());
        long run = http.trigger("PassingSuite", "");
        http.awaitFinished("PassingSuite", run);
        List<String> paths = List.of(
                "/",
                "/suites",
                "/suites/PassingSuite",
                "/suites/PassingSuite/runs/" + run,
                "/suites/PassingSuite/runs/" + run + "/tests/passes",
                "/suites/PassingSuite/tests/passes",
                "/schedules",
                "/login",
                "/assets/handoff.css",
                "/assets/handoff.js",
                "/healthz",
                "/metrics",
                "/openapi.yaml",
                "/no-such-page");
        for (String path : paths) {
            RawHttp.Reply reply = RawHttp.get(handoff.port(), "127.0.0.1:" + handoff.port(), path);

            assertThat(reply.header("Content-Security-Policy"))
                    .as(path)
                    .contains("frame-ancestors 'none'")
                    .contains("script-src 'self'")
                    .contains("style-src 'self'")
                    .doesNotContain("unsafe-inline");
            assertThat(reply.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(reply.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(reply.header("Referrer-Policy")).as(path).isEqualTo("same-origin");
            assertThat(reply.header("Strict-Transport-Security")).as(path).isNull();
        }
    }

    @Test
    void pagesHaveNoInlineScriptOrStyleTheirPolicyWouldBlock() {
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class));
        for (String path : List.of("/suites", "/login", "/schedules")) {
            String html = new Daemons(handoff.url()).page(path).body();

            assertThat(html).as(path).doesNotContain("<style").doesNotContain(" style=");
            assertThat(html.replace("<script src=\"/assets/handoff.js\" defer></script>", ""))
                    .as(path)
                    .doesNotContain("<script");
        }
    }

    @Test
    void aRequestNamingAnotherHostGets421NamingHostAndTriggersNothing() throws Exception {
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class));
        String rebound = "attacker.example:" + handoff.port();

        RawHttp.Reply page = RawHttp.get(handoff.port(), rebound, "/suites");
        RawHttp.Reply trigger = RawHttp.exchange(
                handoff.port(),
                "POST /suites/PassingSuite/runs HTTP/1.1\r\nHost: " + rebound + "\r\nOrigin: http://" + rebound
                        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertThat(page.status()).isEqualTo(421);
        assertThat(page.header("Content-Type")).startsWith("application/problem+json");
        var problem = new ObjectMapper().readTree(page.body());
        assertThat(problem.get("parameter").asText()).isEqualTo("Host");
        assertThat(problem.get("detail").asText())
                .contains("'attacker.example'")
                .contains("--allowed-hosts");
        assertThat(trigger.status()).isEqualTo(421);
        assertThat(new Daemons(handoff.url())
                        .get("/suites/PassingSuite/runs")
                        .json()
                        .get("runs"))
                .isEmpty();
    }

    @Test
    void loopbackNamesAndAddressesAndTheMachinesOwnNamesAreAccepted() throws Exception {
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class));
        for (String host : List.of(
                "127.0.0.1:" + handoff.port(),
                "localhost:" + handoff.port(),
                "LOCALHOST.",
                "app.localhost:" + handoff.port(),
                "[::1]:" + handoff.port(),
                java.net.InetAddress.getLocalHost().getHostName())) {
            assertThat(RawHttp.get(handoff.port(), host, "/healthz").status())
                    .as(host)
                    .isEqualTo(200);
        }
    }

    @Test
    void namesGivenAsAllowedHostsAndThePublicUrlsHostAreAccepted() {
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class)
                .allowedHosts("handoff.example.com")
                .publicUrl(URI.create("https://e2e.example.org/handoff/")));

        assertThat(RawHttp.get(handoff.port(), "handoff.example.com", "/healthz")
                        .status())
                .isEqualTo(200);
        assertThat(RawHttp.get(handoff.port(), "e2e.example.org:443", "/healthz")
                        .status())
                .isEqualTo(200);
        assertThat(RawHttp.get(handoff.port(), "other.example.com", "/healthz").status())
                .isEqualTo(421);
    }

    @Test
    void inKubernetesTheHandoffServicesNamesAndAddressAreAccepted() {
        var allowed = dev.handoff.daemon.web.AllowedHosts.of(
                List.of(),
                Optional.empty(),
                Map.of(
                        "KUBERNETES_SERVICE_HOST", "10.96.0.1",
                        "HANDOFF_SERVICE_HOST", "10.96.4.20",
                        "POSTGRES_SERVICE_HOST", "10.96.4.30"));

        assertThat(allowed.accepts(Optional.of("handoff"))).isTrue();
        assertThat(allowed.accepts(Optional.of("handoff:80"))).isTrue();
        assertThat(allowed.accepts(Optional.of("10.96.4.20"))).isTrue();
        assertThat(allowed.accepts(Optional.of("postgres"))).isFalse();
        assertThat(allowed.accepts(Optional.of("kubernetes"))).isFalse();
    }

    @Test
    void anAsteriskInAllowedHostsAcceptsAnyHost() {
        handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class).allowedHosts("*"));

        assertThat(RawHttp.get(handoff.port(), "anything.example", "/healthz").status())
                .isEqualTo(200);
    }
}
