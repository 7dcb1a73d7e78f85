package dev.handoff.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated test sources in this process, against this process's classpath (which holds
 * the Jupiter API and {@code handoff-api}), so that a benchmark needs no committed test classes
 * and no build step of its own.
 */
final class Javac {

    private Javac() {}

    static void compile(List<Path> sources, Path output) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException(
                    "The benchmarks compile their test classes at setup: run them on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
            List<String> options = List.of(
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-d",
                    output.toString(),
                    "-proc:none",
                    "-implicit:none",
                    "-nowarn");
            boolean compiled = javac.getTask(
                            null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
                    .call();
            if (!compiled) {
                throw new IllegalStateException("Generated test classes do not compile:\n"
                        + diagnostics.getDiagnostics().stream()
                                .map(d -> d.getMessage(Locale.ROOT))
                                .collect(Collectors.joining("\n")));
            }
        }
    }
}
