package dev.handoff.daemon.config;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where a daemon listens, and how.
 *
 * @param tls the PEM files for HTTPS; empty: plain HTTP
 */
@API(status = API.Status.EXPERIMENTAL)
public record ServerConfig(String host, int port, Optional<TlsFiles> tls) {

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
    }

    static ServerConfig of(Values values) {
        Names names = new Names(values);
        names.together(Settings.TLS_CERT, Settings.TLS_KEY);
        names.together(Settings.TLS_KEY, Settings.TLS_CERT);
        names.requires(Settings.TLS_CLIENT_CA, Settings.TLS_CERT, "TLS: give the certificate and key too");
        names.requires(Settings.TLS_CLIENT_CA, Settings.TLS_CLIENT_ROLES, "the roles of the certificates it accepts");
        names.requires(Settings.TLS_CLIENT_ROLES, Settings.TLS_CLIENT_CA, "the CA that signs the certificates");
        Optional<TlsFiles> tls = values.find(Settings.TLS_CERT)
                .map(certificate ->
                        new TlsFiles(certificate, values.get(Settings.TLS_KEY), values.find(Settings.TLS_CLIENT_CA)));
        return new ServerConfig(values.get(Settings.HOST), values.get(Settings.PORT), tls);
    }
}
