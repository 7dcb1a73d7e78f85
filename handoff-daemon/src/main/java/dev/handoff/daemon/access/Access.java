package dev.handoff.daemon.access;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Who may do what on a daemon: its API tokens, the roles of client certificates, whether
 * reads need no credentials ({@code --public-read}), and the browsers logged in with a token. Without any token or certificate role the
 * daemon is open, as suits a laptop: anyone who reaches it may trigger runs and change schedules,
 * which its startup log and its pages say ({@link #openNotice()}).
 */
@API(status = API.Status.EXPERIMENTAL)
public record Access(ApiTokens tokens, CertificateRoles certificates, boolean publicRead, LoginSessions sessions) {

    /** What the log and the UI say while access is open. */
    public static final String OPEN_NOTICE =
            "No API tokens are configured: anyone who can reach this daemon can trigger runs"
                    + " and change schedules. Give --api-tokens FILE to require tokens.";

    public Access {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(certificates, "certificates");
        Objects.requireNonNull(sessions, "sessions");
    }

    /** With login sessions in this process's memory only. */
    public Access(ApiTokens tokens, CertificateRoles certificates, boolean publicRead) {
        this(tokens, certificates, publicRead, LoginSessions.inMemory());
    }

    /** No credentials needed for anything. */
    public static Access open() {
        return new Access(ApiTokens.none(), CertificateRoles.none(), false);
    }

    /** The same access, with login sessions kept in {@code sessions} (the database, shared by replicas). */
    public Access withSessions(LoginSessions sessions) {
        return new Access(tokens, certificates, publicRead, sessions);
    }

    public boolean isOpen() {
        return tokens.isEmpty() && certificates.isEmpty();
    }

    /** Whether a request needing {@code role} needs no credentials. */
    public boolean allowsAnonymous(Role role) {
        return isOpen() || (publicRead && role == Role.READ);
    }

    /** The warning to show while access is open, for a banner on every page; empty once tokens are required. */
    public Optional<String> openNotice() {
        return isOpen() ? Optional.of(OPEN_NOTICE) : Optional.empty();
    }
}
