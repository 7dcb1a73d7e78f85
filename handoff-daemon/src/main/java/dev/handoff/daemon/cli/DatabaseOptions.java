package dev.handoff.daemon.cli;

import dev.handoff.daemon.Handoff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code --db-*} options of {@code serve} as one database login, checked together. No message
 * quotes a password.
 */
final class DatabaseOptions {

    private DatabaseOptions() {}

    /** @throws CliException when the options do not fit together or the password file cannot be read */
    static Optional<Handoff.DatabaseLogin> login(String url, String user, String password, Path passwordFile) {
        if (url == null || url.isBlank()) {
            if (user != null || password != null || passwordFile != null) {
                throw new CliException(
                        "--db-user, --db-password and --db-password-file need --db-url (or HANDOFF_DB_URL)");
            }
            return Optional.empty();
        }
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            // Not quoted: a URL of another form may carry a password.
            throw new CliException(
                    "--db-url must be a JDBC URL of PostgreSQL (jdbc:postgresql://HOST:PORT/DATABASE) or of H2 (jdbc:h2:...)");
        }
        if (password != null && passwordFile != null) {
            throw new CliException("give the database password once: --db-password or --db-password-file, not both");
        }
        String secret = passwordFile == null ? password : read(passwordFile);
        return Optional.of(new Handoff.DatabaseLogin(url, user == null ? "" : user, secret == null ? "" : secret));
    }

    private static String read(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            return content.endsWith("\r\n")
                    ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException e) {
            throw new CliException("cannot read --db-password-file '" + file + "': "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }
}
