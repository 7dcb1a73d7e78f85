package dev.handoff.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.daemon.config.Isolation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tests may use Java serialization in the daemon as under Surefire, although Helidon sets a
 * JVM-wide deserialization filter that rejects every class: the daemon's own threads keep it.
 */
class SerializationInRunsTests {

    private static final String SUITE = """
            import dev.handoff.api.HandoffSuite;
            import java.io.ByteArrayInputStream;
            import java.io.ByteArrayOutputStream;
            import java.io.ObjectInputStream;
            import java.io.ObjectOutputStream;
            import java.io.Serializable;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.Executors;
            import org.junit.jupiter.api.Test;

            @HandoffSuite
            public class SerializingSuite {
                record Order(String item, int quantity) implements Serializable {}

                static Object roundTrip(Object value) throws Exception {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                        out.writeObject(value);
                    }
                    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                        return in.readObject();
                    }
                }

                @Test
                void readsBackWhatItWrote() throws Exception {
                    Object read = roundTrip(List.of(new Order("coffee", 2)));
                    if (!read.equals(List.of(new Order("coffee", 2)))) {
                        throw new AssertionError("read back " + read);
                    }
                }

                @Test
                void readsBackOnAThreadItStarted() throws Exception {
                    try (var pool = Executors.newSingleThreadExecutor()) {
                        Object read = CompletableFuture.supplyAsync(() -> {
                                    try {
                                        return roundTrip(new Order("tea", 1));
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                }, pool)
                                .get();
                        if (!read.equals(new Order("tea", 1))) {
                            throw new AssertionError("read back " + read);
                        }
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
    void testsReadBackWhatTheySerializedWhileTheDaemonsThreadsStayFiltered(Isolation isolation) throws IOException {
        Path classes = SuiteVersions.compile(work.resolve("classes"), "SerializingSuite", SUITE);

        try (Handoff handoff = Daemons.started(Handoff.builder()
                .suitesPath(classes)
                .host("127.0.0.1")
                .port(0)
                .dataDir(dataDir)
                .isolation(isolation))) {
            Daemons http = new Daemons(handoff.url());
            JsonNode run = http.awaitFinished("SerializingSuite", http.trigger("SerializingSuite", ""));

            assertThat(run.get("result").asText()).as(run.toString()).isEqualTo("passed");
            assertThat(run.get("tests")).hasSize(2);
            assertThatThrownBy(() -> roundTrip(new ArrayList<>(List.of("outside a run"))))
                    .as("Helidon's filter still holds outside runs")
                    .isInstanceOf(InvalidClassException.class)
                    .hasMessageContaining("REJECTED");
        }
    }

    private static Object roundTrip(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
