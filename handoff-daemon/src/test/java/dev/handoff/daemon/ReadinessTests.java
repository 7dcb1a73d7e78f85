package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.fixtures.PassingSuite;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /healthz} and {@code /ready} while the database goes away and comes back, and when the
 * scheduler stops. The database is an H2 server over TCP in this JVM: stopping the server cuts the
 * daemon's connections as a database host going down does, and starting it again on the same port
 * brings the same database back.
 */
class ReadinessTests {

    @TempDir
    Path dataDir;

    @TempDir
    Path databaseDir;

    @Test
    void notReadyWhileTheDatabaseIsUnreachableAndReadyAgainWhenItIsBack() throws Exception {
        int port = freePort();
        Server database = tcpServer(port);
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/handoff;DB_CLOSE_ON_EXIT=FALSE";
        try (Handoff handoff =
                Daemons.started(Daemons.local(dataDir, PassingSuite.class).database(url, "sa", ""))) {
            Daemons api = new Daemons(handoff.url());
            assertThat(api.get("/ready").status()).isEqualTo(200);

            database.stop();

            Daemons.Response down = awaitReady(api, 503);
            assertThat(down.json().get("reason").asText()).isEqualTo("the database is unreachable");
            assertThat(api.get("/healthz").status()).isEqualTo(200);

            database = tcpServer(port);

            awaitReady(api, 200);
            assertThat(api.awaitFinished("PassingSuite", api.trigger("PassingSuite", ""))
                            .get("result")
                            .asText())
                    .isEqualTo("passed");
        } finally {
            database.stop();
        }
    }

    @Test
    void notReadyOnceTheSchedulerStopped() {
        try (Handoff handoff = Daemons.started(Daemons.local(dataDir, PassingSuite.class))) {
            Daemons api = new Daemons(handoff.url());
            assertThat(api.get("/ready").status()).isEqualTo(200);

            handoff.schedules().close();

            Daemons.Response response = api.get("/ready");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json().get("reason").asText()).isEqualTo("the scheduler is not running");
            assertThat(api.get("/healthz").status()).isEqualTo(200);
        }
    }

    private Server tcpServer(int port) throws SQLException {
        return Server.createTcpServer(
                        "-tcpPort", Integer.toString(port), "-baseDir", databaseDir.toString(), "-ifNotExists")
                .start();
    }

    /** Polls {@code /ready} until it answers {@code status}; each answer may take the pool's connection timeout. */
    private static Daemons.Response awaitReady(Daemons api, int status) {
        Instant deadline = Instant.now().plus(Daemons.PATIENCE.multipliedBy(2));
        while (true) {
            Daemons.Response response = api.get("/ready");
            if (response.status() == status) {
                return response;
            }
            assertThat(Instant.now())
                    .as("/ready answers " + status + " in time; last: " + response.body())
                    .isBefore(deadline);
            Runs.sleep();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
