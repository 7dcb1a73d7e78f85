package dev.handoff.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Test classes made for a benchmark run: {@code classCount} classes of {@code testsPerClass} empty
 * {@code @Test} methods, as plain Jupiter classes or as {@code @HandoffSuite} classes (the same
 * code plus the annotation, so the two flavours differ only in the engine that runs them).
 *
 * <p>They are generated into a temporary directory, compiled in-process against the running
 * classpath and loaded by a class loader of their own, instead of committing thousands of
 * hand-written lines. Closing deletes the directory.
 */
final class GeneratedTests implements AutoCloseable {

    /** Which engine the classes are written for. */
    enum Flavour {
        JUPITER("junit-jupiter", "JupiterTests", ""),
        HANDOFF("handoff", "HandoffTests", "@dev.handoff.api.HandoffSuite\n"),
        /**
         * A module without suites, shaped like real ones: per class, half plain tests, a quarter in
         * a {@code @Nested} class and a quarter as invocations of one {@code @ParameterizedTest}.
         */
        PLAIN_MODULE("junit-jupiter", "PlainTests", "");

        final String engineId;
        private final String classPrefix;
        private final String annotation;

        Flavour(String engineId, String classPrefix, String annotation) {
            this.engineId = engineId;
            this.classPrefix = classPrefix;
            this.annotation = annotation;
        }

        private String packageName() {
            return "bench." + name().toLowerCase(Locale.ROOT);
        }
    }

    private final Path directory;
    private final URLClassLoader loader;
    private final List<Class<?>> classes;
    private final int testCount;

    private GeneratedTests(Path directory, URLClassLoader loader, List<Class<?>> classes, int testCount) {
        this.directory = directory;
        this.loader = loader;
        this.classes = classes;
        this.testCount = testCount;
    }

    /** Writes, compiles and loads the classes; the caller closes the result. */
    static GeneratedTests create(Flavour flavour, int classCount, int testsPerClass) throws IOException {
        Path directory =
                Files.createTempDirectory("handoff-bench-" + flavour.name().toLowerCase(Locale.ROOT) + "-");
        try {
            Path sources = Files.createDirectories(directory.resolve("src"));
            Path output = Files.createDirectories(directory.resolve("classes"));
            List<String> names = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            for (int c = 1; c <= classCount; c++) {
                String simpleName = flavour.classPrefix + String.format("%03d", c);
                Path file = sources.resolve(simpleName + ".java");
                Files.writeString(file, source(flavour, simpleName, testsPerClass), UTF_8);
                files.add(file);
                names.add(flavour.packageName() + "." + simpleName);
            }
            Javac.compile(files, output);
            URLClassLoader loader = new URLClassLoader(
                    "handoff-bench-" + flavour.name().toLowerCase(Locale.ROOT),
                    new URL[] {output.toUri().toURL()},
                    GeneratedTests.class.getClassLoader());
            List<Class<?>> classes = new ArrayList<>();
            for (String name : names) {
                classes.add(Class.forName(name, false, loader));
            }
            return new GeneratedTests(directory, loader, List.copyOf(classes), classCount * testsPerClass);
        } catch (IOException | RuntimeException e) {
            deleteAfterFailure(directory, e);
            throw e;
        } catch (ClassNotFoundException e) {
            deleteAfterFailure(directory, e);
            throw new IllegalStateException("A generated class was compiled but cannot be loaded", e);
        }
    }

    /** The engines find classes and {@code ServiceLoader} entries through the thread context class loader: set it to this. */
    ClassLoader loader() {
        return loader;
    }

    List<Class<?>> classes() {
        return classes;
    }

    /** How many tests one run of all classes must execute. */
    int testCount() {
        return testCount;
    }

    @Override
    public void close() throws IOException {
        loader.close();
        TempFolder.delete(directory);
    }

    private static String source(Flavour flavour, String simpleName, int tests) {
        if (flavour == Flavour.PLAIN_MODULE) {
            return plainModuleSource(flavour, simpleName, tests);
        }
        StringBuilder java = new StringBuilder()
                .append("package ")
                .append(flavour.packageName())
                .append(";\n\n")
                .append("import org.junit.jupiter.api.Test;\n\n")
                .append(flavour.annotation)
                .append("public class ")
                .append(simpleName)
                .append(" {\n");
        for (int t = 1; t <= tests; t++) {
            java.append("    @Test void test").append(String.format("%03d", t)).append("() {}\n");
        }
        return java.append("}\n").toString();
    }

    private static String plainModuleSource(Flavour flavour, String simpleName, int tests) {
        if (tests % 4 != 0) {
            throw new IllegalArgumentException("a plain module's classes have a multiple of 4 tests, not " + tests);
        }
        StringBuilder java = new StringBuilder()
                .append("package ")
                .append(flavour.packageName())
                .append(";\n\n")
                .append("import org.junit.jupiter.api.Nested;\n")
                .append("import org.junit.jupiter.api.Test;\n")
                .append("import org.junit.jupiter.params.ParameterizedTest;\n")
                .append("import org.junit.jupiter.params.provider.ValueSource;\n\n")
                .append("public class ")
                .append(simpleName)
                .append(" {\n");
        for (int t = 1; t <= tests / 2; t++) {
            java.append("    @Test void test").append(String.format("%03d", t)).append("() {}\n");
        }
        StringJoinerValues values = new StringJoinerValues(tests / 4);
        java.append("    @ParameterizedTest @ValueSource(ints = {")
                .append(values)
                .append("}) void parameterized(int value) {}\n");
        java.append("    @Nested class Inner {\n");
        for (int t = 1; t <= tests / 4; t++) {
            java.append("        @Test void nested")
                    .append(String.format("%03d", t))
                    .append("() {}\n");
        }
        return java.append("    }\n}\n").toString();
    }

    /** {@code 1, 2, ... n}: the values of the generated parameterized test. */
    private record StringJoinerValues(int n) {
        @Override
        public String toString() {
            StringBuilder values = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                values.append(i == 1 ? "" : ", ").append(i);
            }
            return values.toString();
        }
    }

    private static void deleteAfterFailure(Path directory, Exception failure) {
        try {
            TempFolder.delete(directory);
        } catch (UncheckedIOException e) {
            failure.addSuppressed(e);
        }
    }
}
