package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoff.daemon.fixtures.HistorySuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With tokens, quarantining and lifting need the {@code trigger} role; the audit list names the token. */
class QuarantineAccessTests {

    private static final String READ = "read-token-0123456789";
    private static final String TRIGGER = "trigger-token-0123456789";

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    @Test
    void aReadTokenCannotQuarantineATriggerTokenCanAndIsNamed() throws IOException {
        Path tokens = work.resolve("tokens");
        Files.writeString(tokens, "read " + READ + " dashboards\ntrigger " + TRIGGER + " ci\n");
        try (Handoff handoff =
                Daemons.started(Daemons.local(dataDir, HistorySuite.class).apiTokens(tokens))) {
            Http http = new Http(handoff.url());
            String path = "/suites/HistorySuite/tests/quarantined/quarantine";
            String body = "{\"reason\": \"SANDBOX-7\"}";

            assertThat(http.send("PUT", path, body, "Content-Type", "application/json")
                            .status())
                    .isEqualTo(401);
            assertThat(http.send(
                                    "PUT",
                                    path,
                                    body,
                                    "Content-Type",
                                    "application/json",
                                    "Authorization",
                                    "Bearer " + READ)
                            .status())
                    .isEqualTo(403);
            assertThat(http.send(
                                    "PUT",
                                    path,
                                    body,
                                    "Content-Type",
                                    "application/json",
                                    "Authorization",
                                    "Bearer " + TRIGGER)
                            .status())
                    .isEqualTo(200);
            assertThat(http.send("DELETE", path, "", "Authorization", "Bearer " + READ)
                            .status())
                    .isEqualTo(403);
            assertThat(http.send("DELETE", path, "", "Authorization", "Bearer " + TRIGGER)
                            .status())
                    .isEqualTo(204);

            Http.Reply detail = http.get("/suites/HistorySuite/tests/quarantined", "Authorization", "Bearer " + READ);
            assertThat(detail.status()).isEqualTo(200);
            assertThat(detail.body())
                    .contains("\"action\":\"quarantined\",\"reason\":\"SANDBOX-7\",\"actor\":\"ci\"")
                    .contains("\"action\":\"lifted\",\"reason\":null,\"actor\":\"ci\"");
        }
    }
}
