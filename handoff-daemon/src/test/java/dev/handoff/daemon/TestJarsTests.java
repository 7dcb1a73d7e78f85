package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.config.Isolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A suite served from a test jar reads its resources as files, as it does under Surefire from its
 * classes folder: the daemon serves a jar that holds suites unpacked, keyed by its checksum.
 */
class TestJarsTests {

    private static final String SUITE = """
            import dev.handoff.api.HandoffSuite;
            import java.io.File;
            import java.nio.file.Files;
            import org.junit.jupiter.api.Test;

            @HandoffSuite
            public class PriceListSuite {
                @Test
                void readsItsPriceListAsAFile() throws Exception {
                    File prices = new File(PriceListSuite.class.getResource("/shop/prices.json").toURI());
                    String text = Files.readString(prices.toPath());
                    if (!text.contains("coffee")) {
                        throw new AssertionError("unexpected price list: " + text);
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
    void suiteInATestJarReadsItsResourceAsAFile(Isolation isolation) throws IOException {
        Path jar = testJar();

        try (Handoff handoff = Daemons.started(Handoff.builder()
                .suitesPath(jar)
                .host("127.0.0.1")
                .port(0)
                .dataDir(dataDir)
                .isolation(isolation))) {
            Daemons http = new Daemons(handoff.url());
            JsonNode run = http.awaitFinished("PriceListSuite", http.trigger("PriceListSuite", ""));

            assertThat(run.get("result").asText()).as(run.toString()).isEqualTo("passed");
        }
        try (Stream<Path> cached = Files.list(dataDir.resolve("cache").resolve("jars"))) {
            assertThat(cached.toList())
                    .as("one folder, named by the jar's checksum")
                    .singleElement()
                    .satisfies(folder ->
                            assertThat(folder.getFileName().toString()).matches("[0-9a-f]{64}"))
                    .satisfies(folder ->
                            assertThat(folder.resolve("shop/prices.json")).isRegularFile());
        }
    }

    /** The compiled suite and its resource in a jar, as {@code mvn package} makes a test jar. */
    private Path testJar() throws IOException {
        Path classes = SuiteVersions.compile(work.resolve("classes"), "PriceListSuite", SUITE);
        Path jar = work.resolve("shop-tests.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, "PriceListSuite.class", Files.readAllBytes(classes.resolve("PriceListSuite.class")));
            add(out, "shop/prices.json", "{\"coffee\": 3}".getBytes());
        }
        return jar;
    }

    private static void add(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content);
        jar.closeEntry();
    }
}
