package dev.handoff.daemon.cli;

import dev.handoff.engine.internal.Durations;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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

    /** A count of at least 1. */
    static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            Integer count = parseInt(value);
            if (count == null || count < 1) {
                throw new TypeConversionException("is not a whole number of at least 1");
            }
            return count;
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d} or ISO-8601. */
    static final class Length implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("is not a duration: use forms like 500ms, 30s, 5m, 1h30m, 2d or ISO-8601 PT2M");
            }
        }
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
