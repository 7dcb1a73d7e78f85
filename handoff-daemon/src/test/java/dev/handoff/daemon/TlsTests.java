package dev.handoff.daemon;

import static dev.handoff.daemon.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.daemon.fixtures.PassingSuite;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS through Helidon's TLS, with certificates made for the test, and client certificates mapped to roles. */
class TlsTests {

    static final String READ = "read-0123456789abcdef";

    @TempDir
    static Path keys;

    static TestCertificates certificates;

    @TempDir
    Path dataDir;

    private Handoff handoff;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certificates = TestCertificates.make(keys);
    }

    @AfterEach
    void stop() {
        if (handoff != null) {
            handoff.close();
        }
    }

    private Handoff start(boolean clientCertificates) throws Exception {
        Path tokens = keys.resolve("tokens");
        Files.writeString(tokens, "read " + READ + "\n");
        Path roles = keys.resolve("roles");
        Files.writeString(roles, "trigger " + TestCertificates.CLIENT_SUBJECT + "\n");
        Handoff.Builder builder = Daemons.local(dataDir, PassingSuite.class)
                .apiTokens(tokens)
                .tls(certificates.serverCertificatePem, certificates.serverKeyPem);
        if (clientCertificates) {
            builder.tlsClientCertificates(certificates.caPem, roles);
        }
        return Daemons.started(builder);
    }

    private static Http client(URI url, boolean withClientCertificate) throws Exception {
        return new Http(
                url,
                HttpClient.newBuilder()
                        .sslContext(certificates.clientContext(withClientCertificate))
                        .connectTimeout(Duration.ofSeconds(5))
                        .build());
    }

    @Test
    void servesHttpsAndTheLoginCookieIsSecure() throws Exception {
        handoff = start(false);
        assertThat(handoff.url().getScheme()).isEqualTo("https");
        Http https = client(handoff.url(), false);

        assertThat(https.get("/healthz").status()).isEqualTo(200);
        assertThat(https.get("/suites", bearer(READ)).status()).isEqualTo(200);
        assertThat(https.get("/suites").status()).isEqualTo(401);
        Http.Reply login =
                https.send("POST", "/login", "token=" + READ, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(login.header("Set-Cookie")).contains("; Secure");
        URI plain = URI.create("http://127.0.0.1:" + handoff.port() + "/healthz");
        assertThatThrownBy(() -> new Http(plain).get("/healthz")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aClientCertificateWithARoleActsWithoutAToken() throws Exception {
        handoff = start(true);

        Http withCertificate = client(handoff.url(), true);
        assertThat(withCertificate.post("/suites/PassingSuite/runs").status()).isEqualTo(201);
        assertThat(withCertificate.get("/suites/PassingSuite/runs").status()).isEqualTo(200);
        Http.Reply notAdmin = withCertificate.send("DELETE", "/schedules/none", null);
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.json().get("detail").asText())
                .contains("'" + TestCertificates.CLIENT_SUBJECT + "' has role trigger");

        Http withoutCertificate = client(handoff.url(), false);
        assertThat(withoutCertificate.post("/suites/PassingSuite/runs").status())
                .isEqualTo(401);
        assertThat(withoutCertificate.get("/suites", bearer(READ)).status()).isEqualTo(200);
    }

    @Test
    void unreadableTlsFilesStopTheStartWithOneLine() throws Exception {
        Path notPem = keys.resolve("not.pem");
        Files.writeString(notPem, "hello\n");
        assertThatThrownBy(() -> Daemons.local(dataDir, PassingSuite.class)
                        .tls(notPem, notPem)
                        .build()
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLS");
        assertThatThrownBy(() -> Daemons.local(dataDir, PassingSuite.class)
                        .tls(certificates.serverCertificatePem, null)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tls(" + certificates.serverCertificatePem + ") needs its tls key too");
    }
}
