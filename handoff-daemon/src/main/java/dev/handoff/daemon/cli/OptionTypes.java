package dev.handoff.daemon.cli;

import dev.handoff.engine.internal.Durations;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values that need more than a Java type. Each converter throws a {@link
 * TypeConversionException} whose message completes "OPTION 'VALUE' ...", so that {@link
 * ErrorReporter} can name the option (or the variable or config key the value came from).
 */
final class OptionTypes {

    private OptionTypes() {}

    /** 0 to 65535; 0 picks a free port. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            Integer port = parseInt(value);
            if (port == null || port < 0 || port > 65_535) {
                throw new TypeConversionException("is not a number from 0 to 65535");
            }
            return port;
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d} or ISO-8601. */
    static final class Length implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(
                        "is not a duration: use forms like 500ms, 30s, 5m, 1h30m, 2d or ISO-8601 PT2M");
            }
        }
    }

    /**
     * A run parameter {@code KEY=VALUE}: the value may hold more {@code =} and be empty, the key
     * may not (a test could never ask for it). Picocli's own map parsing would take {@code =v}
     * and word a missing {@code =} as "Value for option option ...".
     */
    static final class RunParameter implements ITypeConverter<Map.Entry<String, String>> {
        @Override
        public Map.Entry<String, String> convert(String value) {
            int equals = value.indexOf('=');
            if (equals < 0) {
                throw new TypeConversionException("is not KEY=VALUE, such as baseUrl=https://shop.staging");
            }
            if (value.substring(0, equals).isBlank()) {
                throw new TypeConversionException(
                        "has no name before '=': give KEY=VALUE, such as baseUrl=https://shop.staging");
            }
            return Map.entry(value.substring(0, equals), value.substring(equals + 1));
        }
    }

    /** The parameters in the order given; a key given twice keeps its last value. */
    static Map<String, String> parameterMap(List<Map.Entry<String, String>> parameters) {
        Map<String, String> map = new LinkedHashMap<>();
        parameters.forEach(parameter -> map.put(parameter.getKey(), parameter.getValue()));
        return map;
    }

    /**
     * The paths of a repeatable option whose values (and variable) may each hold several,
     * separated by the platform's path separator as in a classpath; each path once.
     */
    static List<Path> pathList(List<String> values) {
        return values.stream()
                .flatMap(value -> Arrays.stream(value.split(File.pathSeparator)))
                .filter(value -> !value.isBlank())
                .map(Path::of)
                .distinct()
                .toList();
    }

    private static Integer parseInt(String value) {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
