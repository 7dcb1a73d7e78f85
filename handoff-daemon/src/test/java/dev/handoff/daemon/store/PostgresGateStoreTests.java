package dev.handoff.daemon.store;

import dev.handoff.daemon.PostgresServer;

/** The gate store's tests again on PostgreSQL, where the replicas of a cluster share the gates. */
class PostgresGateStoreTests extends GateStoreTests {

    private String url;

    @Override
    Database openDatabase() {
        if (url == null) {
            url = PostgresServer.shared().newDatabase();
        }
        return Database.open(url, PostgresServer.USER, "");
    }
}
