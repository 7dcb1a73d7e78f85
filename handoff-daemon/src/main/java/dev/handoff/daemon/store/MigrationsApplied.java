package dev.handoff.daemon.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Whether a database already has every migration this daemon brings, so that a restart skips
 * Flyway: on a started database its migrate finds nothing to do, but first loads itself, reads,
 * parses and checksums every script, which is most of the time a restart spends on the database.
 * The check reads the names of the scripts (not their text) and Flyway's history table; anything
 * else than the very same set of versions, all successful (a new migration, a failed one, a
 * database newer than this daemon, no history at all), lets Flyway do what it always did.
 *
 * <p>What it gives up is Flyway's check that applied scripts were not edited afterwards, which a
 * released migration never is.
 */
final class MigrationsApplied {

    static final String LOCATION = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__[^/]*\\.sql");

    private MigrationsApplied() {}

    /**
     * @param javaMigrations the versions of the migrations written in Java, which have no script
     */
    static boolean upToDate(DataSource dataSource, ClassLoader loader, Collection<String> javaMigrations) {
        Optional<Set<String>> bundled = bundledVersions(loader);
        if (bundled.isEmpty()) {
            return false;
        }
        Set<String> expected = new HashSet<>(bundled.get());
        expected.addAll(javaMigrations);
        return applied(dataSource).map(expected::equals).orElse(false);
    }

    /** The versions in Flyway's history, or empty when one failed or there is no history. */
    static Optional<Set<String>> applied(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("select \"version\", \"success\" from \"flyway_schema_history\"")) {
            Set<String> versions = new HashSet<>();
            while (rows.next()) {
                String version = rows.getString(1);
                if (!rows.getBoolean(2)) {
                    return Optional.empty();
                }
                if (version != null) {
                    versions.add(version);
                }
            }
            return Optional.of(versions);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** The versions of the scripts on the class path, or empty when a location cannot be listed. */
    static Optional<Set<String>> bundledVersions(ClassLoader loader) {
        Set<String> versions = new HashSet<>();
        try {
            Enumeration<URL> locations = loader.getResources(LOCATION);
            if (!locations.hasMoreElements()) {
                return Optional.empty();
            }
            while (locations.hasMoreElements()) {
                Optional<Set<String>> names = names(locations.nextElement());
                if (names.isEmpty()) {
                    return Optional.empty();
                }
                for (String name : names.get()) {
                    Matcher versioned = VERSIONED.matcher(name);
                    if (versioned.matches()) {
                        versions.add(versioned.group(1).replace('_', '.'));
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
        return Optional.of(versions);
    }

    private static Optional<Set<String>> names(URL location) throws IOException {
        switch (location.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
                    Set<String> names = new HashSet<>();
                    files.forEach(file -> names.add(file.getFileName().toString()));
                    return Optional.of(names);
                } catch (URISyntaxException e) {
                    return Optional.empty();
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) location.openConnection();
                connection.setUseCaches(false);
                String entry = connection.getEntryName();
                // A jar's folder entry may be given with its trailing slash (db/migration/) or without.
                String prefix = entry.endsWith("/") ? entry : entry + "/";
                try (JarFile jar = connection.getJarFile()) {
                    Set<String> names = new HashSet<>();
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        String name = entries.nextElement().getName();
                        if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                            names.add(name.substring(prefix.length()));
                        }
                    }
                    return Optional.of(names);
                }
            }
            default -> {
                return Optional.empty();
            }
        }
    }
}
