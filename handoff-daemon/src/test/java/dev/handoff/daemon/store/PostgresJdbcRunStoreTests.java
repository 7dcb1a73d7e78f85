package dev.handoff.daemon.store;

import dev.handoff.daemon.PostgresServer;

/** Every test of the store's contract again, on a fresh PostgreSQL database each (cluster mode's store). */
class PostgresJdbcRunStoreTests extends JdbcRunStoreTests {

    private String url;

    @Override
    Database openDatabase() {
        if (url == null) {
            url = PostgresServer.shared().newDatabase();
        }
        return Database.open(url, PostgresServer.USER, "");
    }
}
