package dev.handoff.daemon.discovery;

import dev.handoff.api.HandoffSuite;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.io.File;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which roots of the suites paths hold suites, told by reading their class files rather than
 * loading their classes. Only those roots are scanned by the Launcher's discovery, which loads
 * every class of a root it scans; the others (a suites path's dependency jars) stay on the suites'
 * class path, loaded when a test first uses them, as under Surefire. Loading them all at startup
 * costs seconds per large jar, and breaks libraries that must load their classes in order: Mockito's
 * inline mock maker loads {@code MockMethodAdvice} only after its agent has put the class that
 * advice extends on the boot class path, and a class that failed to load once stays failed.
 *
 * <p>A root holds suites when one of its classes is annotated with {@link HandoffSuite}, directly,
 * through an annotation of its own or inherited from a superclass in another root: the scan covers
 * every root together.
 */
final class SuiteRoots {

    private SuiteRoots() {}

    /** The roots that hold a suite's class, in the order given. */
    static Set<Path> holdingSuites(List<Path> roots) {
        List<File> scanned = roots.stream().map(Path::toFile).toList();
        Set<Path> holding = new HashSet<>();
        try (ScanResult scan = new ClassGraph()
                .overrideClasspath(scanned)
                .enableClassInfo()
                .enableAnnotationInfo()
                .ignoreClassVisibility()
                .scan()) {
            for (ClassInfo annotated : scan.getClassesWithAnnotation(HandoffSuite.class.getName())) {
                add(holding, annotated);
                // HandoffSuite is @Inherited: a subclass in another root is a suite too.
                annotated.getSubclasses().forEach(subclass -> add(holding, subclass));
            }
        }
        Set<Path> ordered = new LinkedHashSet<>();
        for (Path root : roots) {
            if (holding.contains(root.toAbsolutePath().normalize())) {
                ordered.add(root);
            }
        }
        return ordered;
    }

    private static void add(Set<Path> holding, ClassInfo suite) {
        File element = suite.getClasspathElementFile();
        if (element != null) {
            holding.add(element.toPath().toAbsolutePath().normalize());
        }
    }
}
