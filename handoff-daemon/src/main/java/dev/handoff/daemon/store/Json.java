package dev.handoff.daemon.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.daemon.model.RunningTest;
import dev.handoff.daemon.model.Span;
import dev.handoff.daemon.model.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JSON columns: run parameters, and an attempt's spans and context values. Spans go through
 * {@link StoredSpan} so that the stored shape does not follow every change of the model record.
 */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<StoredSpan>> SPANS = new TypeReference<>() {};
    private static final TypeReference<List<StoredRunningTest>> RUNNING = new TypeReference<>() {};

    private Json() {}

    /** A span as stored: instants as ISO-8601 text, no parent as null. */
    record StoredSpan(String id, String parent, String name, String start, String end, Map<String, String> attributes) {

        static StoredSpan of(Span span) {
            return new StoredSpan(
                    span.id(),
                    span.parent().orElse(null),
                    span.name(),
                    span.start().toString(),
                    span.end().toString(),
                    new TreeMap<>(span.attributes()));
        }

        Span toSpan() {
            return new Span(
                    id,
                    Optional.ofNullable(parent),
                    name,
                    Instant.parse(start),
                    Instant.parse(end),
                    attributes == null ? Map.of() : attributes);
        }
    }

    /** A running test as stored: its start as ISO-8601 text. */
    record StoredRunningTest(String test, int attempt, String startedAt) {}

    /** @return null for no running test */
    static String runningOrNull(List<RunningTest> running) {
        return running.isEmpty()
                ? null
                : write(running.stream()
                        .map(test -> new StoredRunningTest(
                                test.test(), test.attempt(), test.startedAt().toString()))
                        .toList());
    }

    static List<RunningTest> running(String json) {
        return json == null
                ? List.of()
                : read(json, RUNNING).stream()
                        .map(test -> new RunningTest(test.test(), test.attempt(), Instant.parse(test.startedAt())))
                        .toList();
    }

    static String strings(Map<String, String> map) {
        return write(new TreeMap<>(map));
    }

    /** @return null for no values, so that an attempt without values stores nothing */
    static String stringsOrNull(Map<String, String> map) {
        return map.isEmpty() ? null : strings(map);
    }

    static Map<String, String> strings(String json) {
        return json == null ? Map.of() : read(json, STRINGS);
    }

    /** @return null for no spans */
    static String spansOrNull(List<Span> spans) {
        return spans.isEmpty() ? null : write(spans.stream().map(StoredSpan::of).toList());
    }

    static List<Span> spans(String json) {
        return json == null
                ? List.of()
                : read(json, SPANS).stream().map(StoredSpan::toSpan).toList();
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot write " + value + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored JSON column is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
