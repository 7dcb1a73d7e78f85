package dev.handoff.daemon.store;

import dev.handoff.daemon.PostgresServer;

/** The login sessions' tests again on PostgreSQL, where the replicas of a cluster share them. */
class PostgresLoginSessionTableTests extends LoginSessionTableTests {

    private String url;

    @Override
    Database openDatabase() {
        if (url == null) {
            url = PostgresServer.shared().newDatabase();
        }
        return Database.open(url, PostgresServer.USER, "");
    }
}
