package dev.handoff.daemon.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where a daemon keeps its runs.
 *
 * @param dataDir the folder of the H2 file, when no database is given
 * @param database the database given by JDBC URL; its {@code toString} hides the password
 */
@API(status = API.Status.EXPERIMENTAL)
public record StorageConfig(Path dataDir, Optional<DatabaseLogin> database) {

    public StorageConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(database, "database");
    }

    /**
     * Whether several daemons may share this storage: PostgreSQL is the cluster's database, while
     * an H2 file belongs to one process.
     */
    public boolean shared() {
        return database.map(login -> login.url().startsWith("jdbc:postgresql:")).orElse(false);
    }

    static StorageConfig of(Values values) {
        Names names = new Names(values);
        for (Setting<?> login : new Setting<?>[] {Settings.DB_USER, Settings.DB_PASSWORD, Settings.DB_PASSWORD_FILE}) {
            names.requires(login, Settings.DB_URL, "the database it logs in to");
        }
        if (values.isGiven(Settings.DB_PASSWORD) && values.isGiven(Settings.DB_PASSWORD_FILE)) {
            throw new ConfigException("give the database password once: " + names.given(Settings.DB_PASSWORD) + " or "
                    + names.given(Settings.DB_PASSWORD_FILE) + ", not both");
        }
        Optional<DatabaseLogin> database = values.find(Settings.DB_URL)
                .map(url -> new DatabaseLogin(
                        url,
                        values.find(Settings.DB_USER).orElse(""),
                        values.find(Settings.DB_PASSWORD_FILE)
                                .map(file -> read(file, names))
                                .or(() -> values.find(Settings.DB_PASSWORD))
                                .orElse("")));
        return new StorageConfig(values.get(Settings.DATA_DIR).normalize(), database);
    }

    /** The password in the file, without a final line break. */
    private static String read(Path file, Names names) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            return content.endsWith("\r\n")
                    ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException e) {
            throw new ConfigException("cannot read " + names.quoted(Settings.DB_PASSWORD_FILE) + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }
}
