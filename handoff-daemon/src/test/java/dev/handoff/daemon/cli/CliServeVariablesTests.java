package dev.handoff.daemon.cli;

import static dev.handoff.daemon.cli.CliServeOptionsTests.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s environment: the Go project's variables that mean the same, a {@code HANDOFF_*}
 * variable nobody reads, and retention {@code 0}/{@code forever}.
 */
class CliServeVariablesTests {

    private static final String LISTENING = "Handoff listening on ";
    private static final String NO_SUITES =
            "no suites to serve: give --suites with a jar or folder of compiled suites (or set HANDOFF_SUITES)";

    @TempDir
    Path temp;

    @Test
    void goVariablesGiveThePortTheRetentionAndTheDataDirOfARealServeWithADeprecationLineEach() throws Exception {
        Path dataDir = temp.resolve("go-data");
        try (HandoffProcess serve = HandoffProcess.start(
                temp,
                Map.of(
                        "HANDOFF_SERVER_PORT", "0",
                        "HANDOFF_RUN_TTL", "0",
                        "HANDOFF_DATABASE", dataDir.toString()),
                "serve",
                "--host",
                "127.0.0.1",
                "--suites",
                CliExecTests.FIXTURES)) {
            URI url = URI.create(serve.awaitLine(LISTENING).substring(LISTENING.length()));

            assertThat(url.getPort()).isNotEqualTo(1337).isPositive();
            assertThat(dataDir.resolve("handoff.mv.db")).exists();
            assertThat(serve.stderr().lines().filter(line -> line.startsWith("warning: ")))
                    .containsExactlyInAnyOrder(
                            "warning: HANDOFF_DATABASE is Go handoff's name and deprecated: use HANDOFF_DATA_DIR",
                            "warning: HANDOFF_RUN_TTL is Go handoff's name and deprecated: use HANDOFF_RETENTION",
                            "warning: HANDOFF_SERVER_PORT is Go handoff's name and deprecated: use HANDOFF_PORT");
            assertThat(serve.terminate(Duration.ofSeconds(20)))
                    .as(serve.stderr())
                    .isZero();
        }
    }

    @Test
    void goVariablesMeanWhatTheirCurrentNamesMean() {
        var config = Cli.serveOptions(
                Map.of("HANDOFF_SERVER_PORT", "8081", "HANDOFF_RUN_TTL", "72h", "HANDOFF_DATABASE", "/var/handoff"));

        assertThat(config.server().port()).isEqualTo(8081);
        assertThat(config.runs().retention()).contains(Duration.ofHours(72));
        assertThat(config.storage().dataDir()).isEqualTo(Path.of("/var/handoff"));
    }

    @Test
    void theCurrentNameWinsOverTheGoNameAndTheNoticeSaysSo() {
        var sources = Cli.serveSources(Map.of("HANDOFF_PORT", "9000", "HANDOFF_SERVER_PORT", "8081"));

        assertThat(sources.values().get(dev.handoff.daemon.config.Settings.PORT))
                .isEqualTo(9000);
        assertThat(sources.notices())
                .containsExactly("HANDOFF_SERVER_PORT is Go handoff's name and deprecated: use HANDOFF_PORT"
                        + " (set too, so HANDOFF_SERVER_PORT is ignored)");
    }

    @Test
    void aBadValueOfAGoVariableIsNamedByThatVariable() {
        assertOneLineError(
                Cli.run(Map.of("HANDOFF_RUN_TTL", "soon"), "serve"),
                "HANDOFF_RUN_TTL 'soon' is not a duration: use forms like 30d, 12h or ISO-8601 P30D, or 0 or forever"
                        + " to keep runs forever");
    }

    @Test
    void anUnknownHandoffVariableIsOneWarningLineWithTheNameItLooksLike() {
        Cli.Result serve = Cli.run(Map.of("HANDOFF_PROT", "8080"), "serve", "--data-dir", temp.toString());

        assertThat(serve.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(serve.err().lines().toList())
                .containsExactly(
                        "warning: unknown variable HANDOFF_PROT is ignored; did you mean HANDOFF_PORT?", NO_SUITES);
    }

    @Test
    void anUnknownHandoffVariableLikeNoneIsNamedWithWhereToLook() {
        Cli.Result serve = Cli.run(Map.of("HANDOFF_COLOUR_SCHEME", "dark"), "serve", "--data-dir", temp.toString());

        assertThat(serve.err().lines().toList())
                .containsExactly(
                        "warning: unknown variable HANDOFF_COLOUR_SCHEME is ignored (see 'handoff serve --help' for"
                                + " the variables)",
                        NO_SUITES);
    }

    @Test
    void theClientsVariablesAndOtherProgramsVariablesAreNoConcernOfServe() {
        Cli.Result serve = Cli.run(
                Map.of("HANDOFF_URL", "http://127.0.0.1:1/", "HANDOFF_TOKEN", "x", "JAVA_HOME", "/jdk"),
                "serve",
                "--data-dir",
                temp.toString());

        assertThat(serve.err().lines().toList()).isEqualTo(List.of(NO_SUITES));
    }

    @Test
    void retentionZeroOrForeverKeepsRunsForeverThroughEveryDoor() throws IOException {
        Path config = Files.writeString(temp.resolve("handoff.properties"), "retention=0\n");

        assertThat(Cli.serveOptions(Map.of(), "--retention", "forever").runs().retention())
                .isEmpty();
        assertThat(Cli.serveOptions(Map.of(), "--retention", "0s").runs().retention())
                .isEmpty();
        assertThat(Cli.serveOptions(Map.of("HANDOFF_RETENTION", "FOREVER"))
                        .runs()
                        .retention())
                .isEmpty();
        assertThat(Cli.serveOptions(Map.of(), "--config", config.toString())
                        .runs()
                        .retention())
                .isEmpty();
        assertThat(Cli.serveOptions(Map.of(), "--retention", "7d").runs().retention())
                .contains(Duration.ofDays(7));
    }

    @Test
    void helpSaysHowToKeepRunsForever() {
        var retention = HandoffCommand.commandLine(new CliContext(Map.of(), System.out, System.err))
                .getSubcommands()
                .get("serve")
                .getCommandSpec()
                .findOption("--retention");

        assertThat(retention.description())
                .containsExactly(
                        "How long finished runs are kept; 0 or forever keeps them forever. Env: HANDOFF_RETENTION.",
                        "Default: 30d");
    }
}
