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
    void aPasswordWrittenIntoTheUrlIsTakenOutOfItAndNeverShown() {
        DaemonConfig settings = Handoff.builder()
                .database("jdbc:postgresql://handoff:s3cret@db:5432/handoff", "", "")
                .config();

        assertThat(settings.toString())
                .contains("jdbc:postgresql://db:5432/handoff")
                .doesNotContain("s3cret");
        assertThat(settings.storage().database().orElseThrow().user()).isEqualTo("handoff");
        assertThat(settings.storage().database().orElseThrow().password()).isEqualTo("s3cret");
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsReportedAndLoggedWithoutTheUrlsPassword() {
        java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " "
                        + String.valueOf(
                                record.getParameters() == null ? "" : java.util.Arrays.toString(record.getParameters()))
                        + " " + (record.getThrown() == null ? "" : stackTrace(record.getThrown())));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            for (String url : java.util.List.of(
                    "jdbc:postgresql://handoff:s3cret@127.0.0.1:1/handoff",
                    "jdbc:postgresql://127.0.0.1:1/handoff?user=handoff&password=s3cret")) {
                assertThatThrownBy(() -> Daemons.local(dataDir, PassingSuite.class)
                                .database(url, "", "")
                                .build())
                        .isInstanceOf(IllegalStateException.class)
                        .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("s3cret"));
            }
        } finally {
            root.removeHandler(capture);
        }
        assertThat(String.join("\n", logged)).doesNotContain("s3cret");
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
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
