package dev.handoff.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away CA, a server certificate for 127.0.0.1 and a client certificate ({@code
 * CN=ci-bot,O=Handoff Tests}), made with the JDK's own {@code keytool}, and the PEM files the
 * daemon reads, written from the key stores.
 */
public final class TestCertificates {

    public static final String CLIENT_SUBJECT = "CN=ci-bot,O=Handoff Tests";
    private static final char[] PASSWORD = "changeit".toCharArray();

    public final Path caPem;
    public final Path serverCertificatePem;
    public final Path serverKeyPem;
    private final Path folder;

    private TestCertificates(Path folder) {
        this.folder = folder;
        this.caPem = folder.resolve("ca.pem");
        this.serverCertificatePem = folder.resolve("server.pem");
        this.serverKeyPem = folder.resolve("server-key.pem");
    }

    public static TestCertificates make(Path folder) throws Exception {
        TestCertificates certificates = new TestCertificates(folder);
        certificates.generate();
        return certificates;
    }

    private void generate() throws Exception {
        keyPair("ca", "CN=Handoff Test CA", "-ext", "bc:c");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store("ca"), "-file", caPem.toString());
        signed("server", "CN=127.0.0.1", "SAN=ip:127.0.0.1");
        signed("client", CLIENT_SUBJECT, "EKU=clientAuth");
        Files.writeString(
                serverCertificatePem, Files.readString(folder.resolve("server.crt")) + Files.readString(caPem));
        PrivateKey key = (PrivateKey) load(store("server")).getKey("server", PASSWORD);
        Files.writeString(
                serverKeyPem,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(key.getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
    }

    private void signed(String alias, String subject, String extension) throws Exception {
        keyPair(alias, subject);
        Path request = folder.resolve(alias + ".csr");
        keytool("-certreq", "-alias", alias, "-keystore", store(alias), "-file", request.toString());
        keytool(
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                store("ca"),
                "-infile",
                request.toString(),
                "-outfile",
                folder.resolve(alias + ".crt").toString(),
                "-ext",
                extension,
                "-validity",
                "2");
    }

    private void keyPair(String alias, String subject, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "-genkeypair",
                "-alias",
                alias,
                "-dname",
                subject,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-keystore",
                store(alias)));
        args.addAll(List.of(extra));
        keytool(args.toArray(String[]::new));
    }

    /** Trusts the test CA; with {@code withClientCertificate}, also presents the client certificate. */
    public SSLContext clientContext(boolean withClientCertificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", certificate(caPem));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        KeyManagerFactory keyManagers = null;
        if (withClientCertificate) {
            KeyStore client = load(store("client"));
            KeyStore withChain = KeyStore.getInstance("PKCS12");
            withChain.load(null, null);
            withChain.setKeyEntry("client", client.getKey("client", PASSWORD), PASSWORD, new Certificate[] {
                certificate(folder.resolve("client.crt")), certificate(caPem)
            });
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(withChain, PASSWORD);
        }
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    private String store(String alias) {
        return folder.resolve(alias + ".p12").toString();
    }

    private static KeyStore load(String file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD),
                "-noprompt"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
