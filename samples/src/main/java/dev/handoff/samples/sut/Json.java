package dev.handoff.samples.sut;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shop's JSON: flat objects, read with Jackson into string fields for easy assertions. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

    private Json() {}

    /**
     * The fields of a JSON object, each value as its text (numbers and booleans too); null values
     * are left out.
     *
     * @throws IllegalArgumentException when {@code text} is not a JSON object
     */
    public static Map<String, String> parse(String text) {
        Map<String, Object> object;
        try {
            object = MAPPER.readValue(text, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        object.forEach((key, value) -> {
            if (value != null) {
                fields.put(key, String.valueOf(value));
            }
        });
        return fields;
    }

    /** A JSON object of {@code fields}. */
    public static String write(Map<String, ?> fields) {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + fields + " as JSON", e);
        }
    }
}
