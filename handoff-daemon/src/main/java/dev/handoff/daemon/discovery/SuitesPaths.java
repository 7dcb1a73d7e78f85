package dev.handoff.daemon.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The {@code --suites} paths: jars, folders of classes, folders of jars (a container's {@code
 * /suites}), and bundles made by {@code handoff:bundle}.
 */
@API(status = API.Status.INTERNAL)
public final class SuitesPaths {

    /** The name of the class loaders made here, so that only they are closed. */
    static final String LOADER_NAME = "handoff-suites";

    /**
     * The file that makes a folder a bundle ({@code handoff:bundle} writes it): the folder then
     * stands for its {@link #BUNDLE_TEST_CLASSES}, {@link #BUNDLE_CLASSES} and the jars in {@link
     * #BUNDLE_LIB}, in that order, as Surefire orders a module's test classpath.
     */
    public static final String BUNDLE_INDEX = "handoff-bundle.json";

    public static final String BUNDLE_TEST_CLASSES = "test-classes";
    public static final String BUNDLE_CLASSES = "classes";
    public static final String BUNDLE_LIB = "lib";

    private SuitesPaths() {}

    /**
     * The classpath roots the paths stand for: a jar or a folder of classes as is, a folder whose
     * only entries of note are jars as its jars.
     *
     * @throws IllegalArgumentException naming the first path that does not exist or is not a jar
     *     or folder
     */
    static List<Path> roots(List<Path> paths) {
        List<Path> roots = new ArrayList<>();
        for (Path path : paths) {
            Path absolute = path.toAbsolutePath().normalize();
            if (Files.isRegularFile(absolute.resolve(BUNDLE_INDEX))) {
                roots.addAll(bundleRoots(absolute));
            } else if (Files.isDirectory(absolute)) {
                List<Path> jars = jarsIn(absolute);
                if (jars.isEmpty() || hasClasses(absolute)) {
                    roots.add(absolute);
                }
                roots.addAll(jars);
            } else if (Files.isRegularFile(absolute) && absolute.toString().endsWith(".jar")) {
                roots.add(absolute);
            } else if (Files.exists(absolute)) {
                throw new IllegalArgumentException("suites path '" + path + "' is neither a jar nor a folder");
            } else {
                throw new IllegalArgumentException("suites path '" + path + "' does not exist");
            }
        }
        return roots;
    }

    /** The suites' own loader, whose parent (the daemon's) provides JUnit and Handoff's API once for all. */
    static ClassLoader classLoader(List<Path> roots, ClassLoader parent) {
        URL[] urls = roots.stream().map(SuitesPaths::url).toArray(URL[]::new);
        return new URLClassLoader(LOADER_NAME, urls, parent);
    }

    private static List<Path> bundleRoots(Path bundle) {
        List<Path> roots = new ArrayList<>();
        for (String folder : List.of(BUNDLE_TEST_CLASSES, BUNDLE_CLASSES)) {
            if (Files.isDirectory(bundle.resolve(folder))) {
                roots.add(bundle.resolve(folder));
            }
        }
        if (Files.isDirectory(bundle.resolve(BUNDLE_LIB))) {
            roots.addAll(jarsIn(bundle.resolve(BUNDLE_LIB)));
        }
        return roots;
    }

    private static List<Path> jarsIn(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list suites folder '" + folder + "': " + e.getMessage(), e);
        }
    }

    private static boolean hasClasses(Path folder) {
        try (Stream<Path> entries = Files.walk(folder, 32)) {
            return entries.anyMatch(p -> p.toString().endsWith(".class"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read suites folder '" + folder + "': " + e.getMessage(), e);
        }
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("suites path '" + path + "' cannot be loaded: " + e.getMessage(), e);
        }
    }
}
