package dev.handoff.daemon.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.apiguardian.api.API;

/** What the daemon says about where its API tokens are kept. */
@API(status = API.Status.INTERNAL)
public final class TokensFile {

    private static final System.Logger LOG = System.getLogger(TokensFile.class.getName());

    private TokensFile() {}

    /**
     * Logs a warning when other users of this machine may read the tokens file: anyone who reads it
     * acts with its tokens' roles. A file system without POSIX permissions says nothing.
     *
     * @return whether it warned
     */
    public static boolean warnIfOthersMayRead(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
        if (!permissions.contains(PosixFilePermission.OTHERS_READ)) {
            return false;
        }
        LOG.log(
                System.Logger.Level.WARNING,
                "the API tokens file '%s' is readable by every user of this machine; make it readable by the daemon's user only: chmod 600 %s"
                        .formatted(file, file));
        return true;
    }
}
