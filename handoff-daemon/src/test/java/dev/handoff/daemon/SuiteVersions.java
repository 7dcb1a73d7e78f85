package dev.handoff.daemon;

import dev.handoff.api.HandoffSuite;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * One version of a suite class compiled by the test into a folder of its own, to give to a daemon
 * as a suites path: two folders with two versions of one class stand for the images of a rolling
 * update. The class stays out of the test classes, which other tests load as a whole.
 */
final class SuiteVersions {

    private SuiteVersions() {}

    /**
     * @param folder an empty folder for the source and its class
     * @param className a simple name, in the default package
     * @return the folder, holding the compiled class
     */
    static Path compile(Path folder, String className, String source) throws IOException {
        return compile(folder, className, source, List.of());
    }

    /** As {@link #compile(Path, String, String)}, against these jars too (a suite's own dependencies). */
    static Path compile(Path folder, String className, String source, List<Path> libraries) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(className + ".java");
        Files.writeString(file, source);
        String classpath = Stream.concat(
                        Stream.of(HandoffSuite.class, Test.class).map(SuiteVersions::location),
                        libraries.stream().map(Path::toString))
                .collect(Collectors.joining(File.pathSeparator));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = javac.run(
                null,
                errors,
                errors,
                List.of("-proc:none", "-nowarn", "-cp", classpath, "-d", folder.toString(), file.toString())
                        .toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("cannot compile " + className + ": " + errors);
        }
        Files.delete(file);
        return folder;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
