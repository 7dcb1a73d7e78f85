package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.fixtures.NulSuite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a test produces is kept whatever characters it holds: U+0000 (NUL), which PostgreSQL
 * refuses in text, is stored as U+2400 ('␀') in failure messages and stack traces, while logs,
 * spans and context values keep it as it is (they are stored compressed or as escaped JSON).
 */
class NulOutputTests {

    @TempDir
    Path dataDir;

    @Test
    void aRunWhoseTestsPrintNulKeepsEveryTestOnH2() {
        try (Handoff handoff = Daemons.started(Daemons.local(dataDir, NulSuite.class))) {
            everyTestIsKept(new Daemons(handoff.url()));
        }
    }

    @Test
    void aRunWhoseTestsPrintNulKeepsEveryTestOnPostgres() {
        String url = PostgresServer.shared().newDatabase();
        try (Handoff handoff =
                Daemons.started(Daemons.local(dataDir, NulSuite.class).database(url, PostgresServer.USER, ""))) {
            everyTestIsKept(new Daemons(handoff.url()));
        }
    }

    private static void everyTestIsKept(Daemons api) {
        long number = api.trigger("NulSuite", "");
        JsonNode run = api.awaitFinished("NulSuite", number);

        assertThat(run.get("result").asText()).as(run.toString()).isEqualTo("failed");
        assertThat(names(run))
                .containsExactlyInAnyOrder("failsWithNul", "spansWithNul", "valueWithNul", "logsNul", "passes");
        assertThat(run.path("failure").isNull() || run.path("failure").isMissingNode())
                .as("no failure to store fails the run: %s", run)
                .isTrue();
        JsonNode failed = attempt(api, number, "failsWithNul");
        assertThat(failed.get("failure").get("message").asText()).isEqualTo("expected a\u2400b");
        JsonNode spans = attempt(api, number, "spansWithNul").get("spans");
        assertThat(spans.get(0).get("name").asText()).isEqualTo("call\u0000api");
        assertThat(spans.get(0).get("attributes").get("body").asText()).isEqualTo("x\u0000y");
        assertThat(attempt(api, number, "valueWithNul")
                        .get("values")
                        .get("order\u0000id")
                        .asText())
                .isEqualTo("42\u00007");
        assertThat(attempt(api, number, "logsNul").get("log").asText()).contains("line with \u0000 in it");
    }

    private static JsonNode attempt(Daemons api, long number, String test) {
        Daemons.Response response = api.get("/suites/NulSuite/runs/" + number + "/tests/" + test);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("attempts").get(0);
    }

    private static List<String> names(JsonNode run) {
        List<String> names = new ArrayList<>();
        run.get("tests").forEach(t -> names.add(t.get("name").asText()));
        return names;
    }
}
