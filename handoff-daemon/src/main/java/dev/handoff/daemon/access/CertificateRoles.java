package dev.handoff.daemon.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.apiguardian.api.API;

/**
 * Roles of client certificates, read from a file of lines {@code ROLE SUBJECT}, where {@code
 * SUBJECT} is the certificate's subject as a distinguished name ({@code CN=ci-bot,O=Acme}).
 * Subjects are compared as {@link X500Principal}s, so spacing and the case of attribute names do
 * not matter. Only certificates that the daemon's {@code --tls-client-ca} signed reach this far:
 * the TLS handshake refuses the others.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class CertificateRoles {

    private static final CertificateRoles NONE = new CertificateRoles(Map.of());

    private final Map<X500Principal, Role> roles;

    private CertificateRoles(Map<X500Principal, Role> roles) {
        this.roles = Map.copyOf(roles);
    }

    public static CertificateRoles none() {
        return NONE;
    }

    /** @throws IllegalArgumentException naming the file and line of what is wrong */
    public static CertificateRoles load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("client certificate roles file '" + file + "' does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read client certificate roles file '" + file + "': " + e.getMessage());
        }
        Map<X500Principal, Role> roles = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "client certificate roles file '%s' line %d".formatted(file, i + 1);
            String[] parts = line.split("\\s+", 2);
            Role role = Role.fromLabel(parts[0])
                    .orElseThrow(() -> new IllegalArgumentException(where + ": role '" + parts[0] + "' must be one of "
                            + Role.LABELS + " (lines are ROLE SUBJECT)"));
            if (parts.length < 2) {
                throw new IllegalArgumentException(where + ": a subject such as CN=ci-bot,O=Acme must follow the role");
            }
            try {
                roles.put(new X500Principal(parts[1]), role);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        where + ": '" + parts[1] + "' is not a distinguished name: " + e.getMessage());
            }
        }
        return new CertificateRoles(roles);
    }

    public boolean isEmpty() {
        return roles.isEmpty();
    }

    /** The caller a verified client certificate with this subject is. */
    public Optional<Caller> authenticate(X500Principal subject) {
        return Optional.ofNullable(roles.get(subject)).map(role -> new Caller(subject.getName(), role));
    }
}
