package dev.handoff.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoff.daemon.PostgresServer;
import dev.handoff.daemon.config.DaemonConfig;
import dev.handoff.daemon.config.DatabaseLogin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --db-url/--db-user/--db-password/--db-password-file}: cluster mode's database, without a password in sight. */
class CliDatabaseOptionsTests {

    @TempDir
    Path temp;

    @Test
    void withoutDbUrlTheDaemonKeepsItsH2File() {
        assertThat(Cli.serveOptions(Map.of()).storage().database()).isEmpty();
    }

    @Test
    void flagsGiveTheLogin() {
        DaemonConfig options = Cli.serveOptions(
                Map.of(),
                "--db-url",
                "jdbc:postgresql://db:5432/handoff",
                "--db-user",
                "handoff",
                "--db-password",
                "s3cret");

        assertThat(options.storage().database())
                .contains(new DatabaseLogin("jdbc:postgresql://db:5432/handoff", "handoff", "s3cret"));
        assertThat(options.toString()).doesNotContain("s3cret");
    }

    @Test
    void variablesAndConfigFileGiveTheLoginToo() throws IOException {
        Path config = Files.writeString(temp.resolve("handoff.properties"), "db-user=from-file\n");
        Map<String, String> env = Map.of(
                "HANDOFF_DB_URL",
                "jdbc:postgresql://db/handoff",
                "HANDOFF_DB_PASSWORD",
                "from-env",
                "HANDOFF_CONFIG",
                config.toString());

        DaemonConfig options = Cli.serveOptions(env);

        assertThat(options.storage().database())
                .contains(new DatabaseLogin("jdbc:postgresql://db/handoff", "from-file", "from-env"));
    }

    @Test
    void passwordFileIsReadWithoutItsFinalLineBreak() throws IOException {
        Path secret = Files.writeString(temp.resolve("password"), "pa ss\n");

        DaemonConfig options = Cli.serveOptions(
                Map.of("HANDOFF_DB_PASSWORD_FILE", secret.toString()), "--db-url", "jdbc:postgresql://db/handoff");

        assertThat(options.storage().database().orElseThrow().password()).isEqualTo("pa ss");
    }

    @Test
    void passwordTwiceIsRefused() throws IOException {
        Path secret = Files.writeString(temp.resolve("password"), "one");

        assertThatThrownBy(() -> Cli.serveOptions(
                        Map.of(),
                        "--db-url",
                        "jdbc:postgresql://db/handoff",
                        "--db-password",
                        "two",
                        "--db-password-file",
                        secret.toString()))
                .hasMessage("give the database password once: --db-password or --db-password-file, not both");
    }

    @Test
    void missingPasswordFileIsNamed() {
        Path missing = temp.resolve("nope");

        assertThatThrownBy(() -> Cli.serveOptions(
                        Map.of(), "--db-url", "jdbc:postgresql://db/handoff", "--db-password-file", missing.toString()))
                .hasMessageStartingWith("cannot read --db-password-file '" + missing + "'");
    }

    @Test
    void loginWithoutUrlIsRefused() {
        assertThatThrownBy(() -> Cli.serveOptions(Map.of("HANDOFF_DB_PASSWORD", "s3cret")))
                .hasMessage("HANDOFF_DB_PASSWORD needs --db-url (or HANDOFF_DB_URL): the database it logs in to");
    }

    @Test
    void aUrlThatIsNoJdbcUrlIsRefusedWithoutQuotingIt() {
        Cli.Result serve =
                Cli.run("serve", "--suites", temp.toString(), "--db-url", "postgres://admin:s3cret@db/handoff");

        assertThat(serve.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(serve.err())
                .contains("--db-url must be a JDBC URL of PostgreSQL")
                .doesNotContain("s3cret");
    }

    @Test
    void aWrongPasswordStopsStartupNamingTheDatabaseNotThePassword() throws IOException {
        String url = PostgresServer.shared().newDatabase();
        Path suites = Files.createDirectories(temp.resolve("suites"));

        Cli.Result serve = Cli.run(
                Map.of("HANDOFF_DB_PASSWORD", "s3cret"),
                "serve",
                "--suites",
                suites.toString(),
                "--port",
                "0",
                "--db-url",
                url + "?user=nobody");

        assertThat(serve.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(serve.err()).contains("the database at " + url).doesNotContain("s3cret");
        assertThat(serve.err().strip().lines()).hasSize(1);
    }
}
