package dev.handoff.daemon.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Who may do what.
 *
 * @param apiTokens the file of lines {@code ROLE TOKEN [NAME]}; empty: anyone may do anything
 * @param publicRead whether reads need no token even when tokens are required
 * @param tlsClientRoles the roles of client certificates, in lines {@code ROLE SUBJECT}
 */
@API(status = API.Status.EXPERIMENTAL)
public record AccessConfig(Optional<Path> apiTokens, boolean publicRead, Optional<Path> tlsClientRoles) {

    public AccessConfig {
        Objects.requireNonNull(apiTokens, "apiTokens");
        Objects.requireNonNull(tlsClientRoles, "tlsClientRoles");
    }

    static AccessConfig of(Values values) {
        return new AccessConfig(
                values.find(Settings.API_TOKENS),
                values.get(Settings.PUBLIC_READ),
                values.find(Settings.TLS_CLIENT_ROLES));
    }
}
