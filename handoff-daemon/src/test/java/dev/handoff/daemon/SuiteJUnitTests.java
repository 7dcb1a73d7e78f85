package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.config.Isolation;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suites path that brings its own JUnit (here JUnit 6, copied to {@code target/junit6} by the
 * build): forked runs execute on it, as Surefire would run the module; in-process runs execute on
 * the daemon's JUnit, the limit README's "JUnit versions" states.
 */
class SuiteJUnitTests {

    /** The version the build copies ({@code junit6.version} of the daemon's pom). */
    private static final String JUNIT6 = "6.1.3";

    /** Fails unless it runs on the JUnit its suites path brings. */
    private static final String SUITE = """
            import dev.handoff.api.HandoffSuite;
            import org.junit.jupiter.api.Test;

            @HandoffSuite
            public class OwnJUnitSuite {
                @Test
                void runsOnTheJUnitOfItsSuitesPath() throws Exception {
                    String jupiter = Test.class.getPackage().getImplementationVersion();
                    String platform = Class.forName("org.junit.platform.engine.TestEngine")
                            .getPackage()
                            .getImplementationVersion();
                    if (!"%1$s".equals(jupiter) || !"%1$s".equals(platform)) {
                        throw new AssertionError("runs on Jupiter " + jupiter + " and Platform " + platform);
                    }
                }
            }
            """.formatted(JUNIT6);

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    @Test
    void forkedRunExecutesOnTheJUnitItsSuitesPathBrings() throws IOException {
        JsonNode run = runOwnJUnitSuite(Isolation.FORK);

        assertThat(run.get("result").asText()).as(run.toString()).isEqualTo("passed");
    }

    @Test
    void inProcessRunExecutesOnTheDaemonsJUnit() throws IOException {
        JsonNode run = runOwnJUnitSuite(Isolation.NONE);

        assertThat(run.get("tests").get(0).get("failure").get("message").asText())
                .startsWith("runs on Jupiter 5.");
    }

    private JsonNode runOwnJUnitSuite(Isolation isolation) throws IOException {
        Path classes = SuiteVersions.compile(work.resolve("classes"), "OwnJUnitSuite", SUITE);
        try (Handoff handoff = Daemons.started(Handoff.builder()
                .suitesPath(classes)
                .suitesPath(Path.of("target", "junit6"))
                .host("127.0.0.1")
                .port(0)
                .dataDir(dataDir)
                .isolation(isolation))) {
            if (isolation == Isolation.FORK) {
                assertThat(handoff.isolation()).contains("the suites path's JUnit Platform " + JUNIT6);
            }
            Daemons http = new Daemons(handoff.url());
            return http.awaitFinished("OwnJUnitSuite", http.trigger("OwnJUnitSuite", ""));
        }
    }
}
