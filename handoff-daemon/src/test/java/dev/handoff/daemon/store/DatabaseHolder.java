package dev.handoff.daemon.store;

import java.nio.file.Path;

/**
 * Another process holding a data dir's database open, for the test that a second daemon is turned
 * away: it opens the database, prints {@code open}, and closes it when its standard input ends.
 */
public final class DatabaseHolder {

    public static final String OPEN = "open";

    private DatabaseHolder() {}

    public static void main(String[] args) throws Exception {
        try (Database database = Database.open(Path.of(args[0]))) {
            System.out.println(database.isReachable() ? OPEN : "not reachable");
            System.out.flush();
            while (System.in.read() >= 0) {
                // holds the database until the test closes our input
            }
        }
    }
}
