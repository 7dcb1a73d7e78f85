package dev.handoff.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trivial {@code @HandoffSuite} classes for the daemon benchmarks, compiled into a folder of class
 * files: the folder is what {@code handoff serve --suites} and {@code Handoff.Builder.suitesPath}
 * take, and {@link #loader(Path)} loads it for the in-process benchmarks.
 *
 * <p>Test methods are named {@code test0}, {@code test1} ... as {@code BulkLoader} names the
 * tests of the runs it seeds, so seeded history and the deployed suites speak of the same tests.
 */
final class SuiteClasses {

    private SuiteClasses() {}

    /**
     * Writes one class per name into {@code folder/src}, each with {@code testsPerSuite} empty tests,
     * and compiles them into {@code folder/classes}.
     *
     * @param names simple class names, which are also the suite names
     * @return the folder of class files
     */
    static Path compile(Path folder, String packageName, List<String> names, int testsPerSuite) throws IOException {
        return compile(folder, packageName, names, 0, testsPerSuite);
    }

    /**
     * Like {@link #compile(Path, String, List, int)}, but each suite's tests are in {@code
     * nestedClasses} {@code @Nested} classes {@code N0}, {@code N1} ... of {@code testsPerClass}
     * tests each (test names {@code N0/test0} ...); 0 puts {@code testsPerClass} tests in the suite class.
     */
    static Path compile(Path folder, String packageName, List<String> names, int nestedClasses, int testsPerClass)
            throws IOException {
        Path sources = Files.createDirectories(folder.resolve("src"));
        Path classes = Files.createDirectories(folder.resolve("classes"));
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            Path file = sources.resolve(name + ".java");
            Files.writeString(file, source(packageName, name, nestedClasses, testsPerClass), UTF_8);
            files.add(file);
        }
        Javac.compile(files, classes);
        return classes;
    }

    /** A class loader of the compiled folder, child of this one (which has the JUnit and Handoff APIs). */
    static URLClassLoader loader(Path classes) throws IOException {
        return new URLClassLoader(
                "handoff-bench-suites", new URL[] {classes.toUri().toURL()}, SuiteClasses.class.getClassLoader());
    }

    private static String source(String packageName, String name, int nestedClasses, int testsPerClass) {
        StringBuilder java = new StringBuilder(64 + Math.max(1, nestedClasses) * testsPerClass * 40)
                .append("package ")
                .append(packageName)
                .append(";\n\n")
                .append("import org.junit.jupiter.api.Nested;\n")
                .append("import org.junit.jupiter.api.Test;\n\n")
                .append("@dev.handoff.api.HandoffSuite\n")
                .append("public class ")
                .append(name)
                .append(" {\n");
        if (nestedClasses == 0) {
            tests(java, "    ", testsPerClass);
        }
        for (int n = 0; n < nestedClasses; n++) {
            java.append("    @Nested class N").append(n).append(" {\n");
            tests(java, "        ", testsPerClass);
            java.append("    }\n");
        }
        return java.append("}\n").toString();
    }

    private static void tests(StringBuilder java, String indent, int count) {
        for (int t = 0; t < count; t++) {
            java.append(indent).append("@Test void test").append(t).append("() {}\n");
        }
    }
}
