package dev.handoff.daemon.execution;

import dev.handoff.daemon.discovery.SuiteCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How runs execute in a child JVM each ({@code --isolation fork}): the JVM options and the class
 * path every child gets. One per daemon; each run makes a {@link ForkedExecution}.
 */
@API(status = API.Status.INTERNAL)
public final class ForkedRuns {

    private final List<String> jvmArgs;
    private final Optional<Path> workDir;
    private final ChildClassPath classPath;

    private ForkedRuns(List<String> jvmArgs, Optional<Path> workDir, ChildClassPath classPath) {
        this.jvmArgs = List.copyOf(jvmArgs);
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.classPath = Objects.requireNonNull(classPath, "classPath");
    }

    /**
     * @param jvmArgs options of each child JVM ({@code -Xmx512m}, {@code -Dkey=value}), before its
     *     main class
     * @param workDir each child's working directory; empty: this JVM's
     * @param catalog the suites, whose paths go on each child's class path
     * @param cache a folder of the data dir for Handoff's own classes, when the suites bring their own JUnit
     */
    public static ForkedRuns of(List<String> jvmArgs, Optional<Path> workDir, SuiteCatalog catalog, Path cache) {
        return new ForkedRuns(jvmArgs, workDir, ChildClassPath.of(catalog.roots(), cache));
    }

    Optional<Path> workDir() {
        return workDir;
    }

    List<String> jvmArgs() {
        return jvmArgs;
    }

    ChildClassPath classPath() {
        return classPath;
    }

    /** For the startup line: {@code forked runs use the suites path's JUnit Platform 6.0.3}. */
    public String describe() {
        return "each run in a JVM of its own, on " + classPath.junit()
                + (jvmArgs.isEmpty() ? "" : ", with " + String.join(" ", jvmArgs))
                + workDir.map(dir -> ", in " + dir).orElse("");
    }
}
