package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.config.Isolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A suites path's dependency jars are the suites' class path, not places to look for suites:
 * discovery does not load their classes, so a library that must load its classes in its own order
 * works as under Surefire. Mockito's inline mock maker is one: its advice class can load only after
 * its agent has put the class that advice extends on the boot class path.
 */
class SuiteDependenciesTests {

    private static final String SUITE = """
            import static org.mockito.Mockito.mock;
            import static org.mockito.Mockito.spy;
            import static org.mockito.Mockito.when;

            import dev.handoff.api.HandoffSuite;
            import java.util.ArrayList;
            import java.util.List;
            import org.junit.jupiter.api.Test;

            @HandoffSuite
            public class MockingSuite {
                static final class Clock {
                    String now() {
                        return "real";
                    }
                }

                @Test
                void mocksAFinalClass() {
                    Clock clock = mock(Clock.class);
                    when(clock.now()).thenReturn("mocked");
                    if (!clock.now().equals("mocked")) {
                        throw new AssertionError("not mocked: " + clock.now());
                    }
                }

                @Test
                void spiesOnAList() {
                    List<String> names = spy(new ArrayList<String>());
                    names.add("ada");
                    when(names.size()).thenReturn(7);
                    if (names.size() != 7 || !names.get(0).equals("ada")) {
                        throw new AssertionError("not a spy: " + names);
                    }
                }
            }
            """;

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void inlineMocksWorkWhenMockitoIsASuitesPathJar(Isolation isolation) throws IOException {
        List<Path> mockito = mockitoJars();
        Path classes = SuiteVersions.compile(work.resolve("classes"), "MockingSuite", SUITE, mockito);
        List<Path> suitesPaths = new ArrayList<>(mockito);
        suitesPaths.add(0, classes);

        Handoff.Builder builder =
                Handoff.builder().host("127.0.0.1").port(0).dataDir(dataDir).isolation(isolation);
        suitesPaths.forEach(builder::suitesPath);
        try (Handoff handoff = Daemons.started(builder)) {
            Daemons http = new Daemons(handoff.url());
            JsonNode run = http.awaitFinished("MockingSuite", http.trigger("MockingSuite", ""));

            assertThat(run.get("result").asText()).as(run.toString()).isEqualTo("passed");
            assertThat(run.get("tests")).hasSize(2);
        }
    }

    /** Mockito, Byte Buddy (with its agent) and Objenesis, copied to target/mockito by the build. */
    private static List<Path> mockitoJars() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target", "mockito"))) {
            List<Path> found = jars.map(Path::toAbsolutePath).sorted().toList();
            assertThat(found).as("target/mockito").hasSize(4);
            return found;
        }
    }
}
