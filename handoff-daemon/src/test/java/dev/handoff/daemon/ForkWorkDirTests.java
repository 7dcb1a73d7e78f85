package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.config.ConfigException;
import dev.handoff.daemon.config.Isolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests that read files by relative paths ({@code src/test/resources/...}, as Surefire runs them
 * from their module's folder) find them in forked runs started in {@code --fork-work-dir}.
 */
class ForkWorkDirTests {

    private static final String SUITE = """
            import dev.handoff.api.HandoffSuite;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import org.junit.jupiter.api.Test;

            @HandoffSuite
            public class RelativeFileSuite {
                @Test
                void readsAFileOfItsModule() throws Exception {
                    String prices = Files.readString(Path.of("src/test/resources/prices.txt"));
                    if (!prices.contains("coffee")) {
                        throw new AssertionError("unexpected prices: " + prices);
                    }
                }
            }
            """;

    @TempDir
    Path dataDir;

    @TempDir
    Path module;

    @Test
    void aForkedRunStartsInTheForkWorkDir() throws IOException {
        Path classes = SuiteVersions.compile(module.resolve("target/test-classes"), "RelativeFileSuite", SUITE);
        Files.createDirectories(module.resolve("src/test/resources"));
        Files.writeString(module.resolve("src/test/resources/prices.txt"), "coffee 3\n");

        try (Handoff handoff = Daemons.started(Handoff.builder()
                .suitesPath(classes)
                .host("127.0.0.1")
                .port(0)
                .dataDir(dataDir)
                .isolation(Isolation.FORK)
                .forkWorkDir(module))) {
            Daemons http = new Daemons(handoff.url());
            JsonNode run = http.awaitFinished("RelativeFileSuite", http.trigger("RelativeFileSuite", ""));

            assertThat(run.get("result").asText()).as(run.toString()).isEqualTo("passed");
        }
    }

    @Test
    void aForkWorkDirNeedsForkedRunsAndAFolder() {
        assertThatThrownBy(() -> Handoff.builder().forkWorkDir(module).config())
                .isInstanceOf(ConfigException.class)
                .hasMessage("a working directory for forked runs (forkWorkDir(…)) needs isolation(FORK)");
        Path missing = module.resolve("missing");
        assertThatThrownBy(() -> Handoff.builder()
                        .isolation(Isolation.FORK)
                        .forkWorkDir(missing)
                        .config())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("forkWorkDir(")
                .hasMessageEndingWith("is not a folder");
    }
}
