package dev.handoff.daemon.store;

import dev.handoff.daemon.PostgresServer;

/** Every test of a fire's transaction again, on a fresh PostgreSQL database each (replicas' store). */
class PostgresScheduleFireTransactionTests extends ScheduleFireTransactionTests {

    private String url;

    @Override
    Database openDatabase() {
        if (url == null) {
            url = PostgresServer.shared().newDatabase();
        }
        return Database.open(url, PostgresServer.USER, "");
    }
}
