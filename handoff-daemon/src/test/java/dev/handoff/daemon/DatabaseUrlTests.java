package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.daemon.config.DaemonConfig;
import dev.handoff.daemon.fixtures.PassingSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A daemon given a JDBC URL keeps everything there, not in its data dir. */
class DatabaseUrlTests {

    @TempDir
    Path dataDir;

    @TempDir
    Path elsewhere;

    @Test
    void runsAreStoredInTheGivenDatabaseAndSurviveARestart() {
        String url = "jdbc:h2:" + elsewhere.resolve("shared") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Handoff handoff =
                Daemons.started(Daemons.local(dataDir, PassingSuite.class).database(url, "sa", ""))) {
            Daemons http = new Daemons(handoff.url());
            http.awaitFinished("PassingSuite", http.trigger("PassingSuite", ""));
        }
        assertThat(elsewhere.resolve("shared.mv.db")).exists();
        assertThat(dataDir.resolve("handoff.mv.db")).doesNotExist();

        try (Handoff again =
                Daemons.started(Daemons.local(dataDir, PassingSuite.class).database(url, "sa", ""))) {
            assertThat(new Daemons(again.url())
                            .run("PassingSuite", 1)
                            .path("result")
                            .asText())
                    .isEqualTo("passed");
        }
    }

    @Test
    void settingsNeverShowThePassword() {
        DaemonConfig settings = Handoff.builder()
                .database("jdbc:postgresql://db/handoff", "handoff", "s3cret")
                .config();

        assertThat(settings.toString()).contains("jdbc:postgresql://db/handoff").doesNotContain("s3cret");
    }

    @Test
    void unreachableDatabaseStopsTheBuildWithItsUrl() throws Exception {
        Path file = Files.writeString(elsewhere.resolve("not-a-db.mv.db"), "not a database");
        String url = "jdbc:h2:" + elsewhere.resolve("not-a-db") + ";IFEXISTS=TRUE";

        assertThatThrownBy(() -> Daemons.local(dataDir, PassingSuite.class)
                        .database(url, "sa", "")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the database at " + url);
        assertThat(file).hasContent("not a database");
    }
}
