package dev.handoff.daemon.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apiguardian.api.API;

/**
 * Jars unpacked into folders of a cache, one folder per jar content (its SHA-256), as Surefire runs
 * a module's tests from its classes folder: a suite that reads a resource as a file ({@code new
 * File(getResource(...).toURI())}) gets a file, not "URI is not hierarchical". A folder is made
 * under a temporary name and renamed when complete, so a crash never leaves half a folder to reuse.
 */
@API(status = API.Status.INTERNAL)
public final class JarCache {

    private JarCache() {}

    /** The folder holding the jar's entries, unpacked now unless an earlier start did already. */
    public static Path unpacked(Path jar, Path cache) {
        return unpacked(jar, cache, "", name -> name);
    }

    /**
     * @param prefix put before the checksum in the folder's name
     * @param select an entry's name to unpack it under, or {@code null} to leave it out
     */
    public static Path unpacked(Path jar, Path cache, String prefix, UnaryOperator<String> select) {
        Path target = cache.resolve(prefix + sha256(jar));
        if (Files.isDirectory(target)) {
            return target;
        }
        Path partial = cache.resolve(target.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            Files.createDirectories(partial);
            unzip(jar, partial, select);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException another) {
                delete(partial); // another daemon on this data folder was quicker
            }
            return target;
        } catch (IOException e) {
            delete(partial);
            throw new UncheckedIOException("cannot unpack '" + jar + "' into '" + cache + "': " + e.getMessage(), e);
        }
    }

    private static void unzip(Path jar, Path into, UnaryOperator<String> select) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.isDirectory() ? null : select.apply(entry.getName());
                if (name == null) {
                    continue;
                }
                Path file = into.resolve(name).normalize();
                if (!file.startsWith(into)) {
                    throw new IOException("entry '" + entry.getName() + "' points outside the jar's folder");
                }
                Files.createDirectories(file.getParent());
                Files.copy(zip, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read '" + file + "': " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover partial folder is never reused, only wasted space
        }
    }
}
