package dev.handoff.daemon.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.api.ErrorCode;

/**
 * Makes sure that what a finished transaction saw is in the database file before the caller shows
 * it. H2 makes a commit visible to other connections first and writes it to the file after (with
 * {@code WRITE_DELAY=0} the committing thread does so at once; while another thread is writing
 * the file it waits for that write to end first). A request served in that moment shows an attempt
 * that a {@code kill -9} loses, and a resumed run would run that test again. H2's
 * {@code CHECKPOINT} writes what is committed and not yet in the file, waiting for a write under
 * way; when everything is written it only takes the file's lock. PostgreSQL makes a commit durable
 * before other sessions see it, and an in-memory H2 has no file: neither needs anything.
 */
final class SeenIsStored {

    private static final System.Logger LOG = System.getLogger(SeenIsStored.class.getName());

    private enum Need {
        UNKNOWN,
        CHECKPOINT,
        NOTHING
    }

    private volatile Need need = Need.UNKNOWN;

    /** Called on the transaction's connection after its commit. */
    void after(Connection connection) throws SQLException {
        Need known = need;
        if (known == Need.UNKNOWN) {
            known = need = needOf(connection.getMetaData());
        }
        if (known == Need.NOTHING) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("checkpoint");
        } catch (SQLException e) {
            if (e.getErrorCode() != ErrorCode.ADMIN_RIGHTS_REQUIRED) {
                throw e;
            }
            // A user-given H2 login without admin rights: the store still works, only without this guarantee.
            need = Need.NOTHING;
            LOG.log(
                    Level.WARNING,
                    "the database user may not run CHECKPOINT, so a crash may lose the last changes"
                            + " that the daemon already showed; connect as an H2 admin user to avoid that");
        }
    }

    private static Need needOf(DatabaseMetaData database) throws SQLException {
        boolean h2File = "H2".equals(database.getDatabaseProductName())
                && !database.getURL().startsWith("jdbc:h2:mem:");
        return h2File ? Need.CHECKPOINT : Need.NOTHING;
    }
}
