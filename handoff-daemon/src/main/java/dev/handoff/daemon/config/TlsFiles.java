package dev.handoff.daemon.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * PEM files for HTTPS: the server's certificate chain and its private key (PKCS#8, as {@code
 * openssl genpkey} writes it), and optionally the certificate authorities whose client
 * certificates are accepted ({@code --tls-client-ca}). With a client CA, a client certificate is
 * asked for but not required: browsers and scripts may still come with a token.
 */
@API(status = API.Status.EXPERIMENTAL)
public record TlsFiles(Path certificate, Path key, Optional<Path> clientCa) {

    public TlsFiles {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(clientCa, "clientCa");
    }
}
